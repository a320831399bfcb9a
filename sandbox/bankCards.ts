/**
 * The sandbox's "bank card network": fictional cards, each held by a test identity with the mobile
 * number its bank has on file, or in a fixed state (reported lost, expired, …) whoever asks. The
 * bank-card checks (four, three and two elements) answer from it in Tencent's words; each action's
 * page (a `BankCardPage`, in its sandbox answer file) turns those words into its own `Result` code
 * and says whether it is billed, as Tencent's pages list them. The card lookup
 * finds a card's issuing bank and kind. Documented in sandbox/README.md:
 * keep the two in step.
 */
import { bankCardNumberProblem, normalizeBankCardNumber } from '../lib/tencent/bankCardNumber';
import { isValidIdCardNumber, normalizeIdCardNumber } from '../lib/tencent/idCardNumber';
import { mobileNumberProblem, normalizeMobileNumber } from '../lib/tencent/mobileNumber';
import type { SandboxAnswers } from './action';
import { comparableName, isValidName } from './identities';
import { requiredString } from './params';

/** What a bank-card check can answer, in the words of Tencent's pages (their English text). */
export type BankCardAnswer =
	| 'Verification passed'
	| 'Verification failed'
	| 'Name verification failed'
	| 'Invalid ID card number'
	| 'Invalid bank card number format'
	| 'Invalid mobile number'
	| 'Incorrect cardholder information'
	| 'Card-not-present payment not enabled'
	| 'The card has been confiscated'
	| 'Invalid card number'
	| 'No issuing bank for this card'
	| 'Card not initialized or dormant'
	| 'Fraudulent or retained card'
	| 'The card has been reported lost'
	| 'The card has expired'
	| 'Restricted card'
	| 'PIN retry limit exceeded'
	| 'The issuing bank does not support this transaction'
	| 'Verification center busy'
	| 'Verification attempts exceeded; retry tomorrow'
	| 'Only second-generation ID cards are supported'
	| 'Abnormal card status or wrong card number';

/** One action's page: its codes in order, each with its answer, billed or not. */
export interface BankCardPage {
	billed: Readonly<Record<string, BankCardAnswer>>;
	notBilled: Readonly<Record<string, BankCardAnswer>>;
}

/** The card states every page lists after "Verification failed", in the same order on every page. */
const CARD_STATE_ANSWERS: readonly BankCardAnswer[] = [
	'Incorrect cardholder information',
	'Card-not-present payment not enabled',
	'The card has been confiscated',
	'Invalid card number',
	'No issuing bank for this card',
	'Card not initialized or dormant',
	'Fraudulent or retained card',
	'The card has been reported lost',
	'The card has expired',
	'Restricted card',
	'PIN retry limit exceeded',
	'The issuing bank does not support this transaction',
];

/** The card states' codes on a page: from `first` down, in the order every page lists them. */
export function cardStateCodes(first: number): Record<string, BankCardAnswer> {
	return Object.fromEntries(CARD_STATE_ANSWERS.map((answer, index) => [String(first - index), answer]));
}

export interface TestBankCard {
	card: string;
	/** The holder (a test identity) and the mobile number the bank has on file; absent for a card in a fixed state. */
	holder?: { name: string; idCard: string; phone: string };
	/** What every check of this card answers, whoever asks. */
	state?: BankCardAnswer;
	/** What a card lookup finds: the issuing bank and the kind of card (1 debit, 2 credit, 3 prepaid, 4 semi-credit), or a kind it cannot look up. */
	issuer?: { bank: string; kind: 1 | 2 | 3 | 4 } | 'unsupportedKind';
	note: string;
}

export const TEST_BANK_CARDS: readonly TestBankCard[] = [
	{ card: '6222020200001234567', holder: { name: '张三', idCard: '110105198506150022', phone: '13800138000' }, issuer: { bank: '中国工商银行', kind: 1 }, note: 'held by 张三' },
	{ card: '6217000010002345678', holder: { name: 'Wei Xiaobao', idCard: '110101199003070011', phone: '13900139000' }, issuer: { bank: '中国建设银行', kind: 1 }, note: 'held by Wei Xiaobao; Latin names match ignoring case and extra spaces' },
	{ card: '6228480010003456789', holder: { name: '王五', idCard: '51010720000229007X', phone: '15000150000' }, issuer: { bank: '中国农业银行', kind: 2 }, note: 'held by 王五' },
	{ card: '6222020200004567890', holder: { name: 'Chen Jing', idCard: '440305199505132561', phone: '13700000001' }, issuer: { bank: '中国工商银行', kind: 1 }, note: 'held by Chen Jing, whose phone is suspended' },
	{ card: '6212260200000000075', state: 'Incorrect cardholder information', note: "the bank's cardholder record is wrong" },
	{ card: '6212260200000000018', state: 'Card-not-present payment not enabled', issuer: { bank: '招商银行', kind: 3 }, note: 'valid card that cannot be checked online' },
	{ card: '6212260200000000026', state: 'The card has been reported lost', note: 'reported lost' },
	{ card: '6212260200000000034', state: 'The card has expired', issuer: { bank: '中国银行', kind: 4 }, note: 'expired' },
	{ card: '6212260200000000042', state: 'Card not initialized or dormant', issuer: 'unsupportedKind', note: 'dormant' },
	{ card: '6212260200000000059', state: 'Verification center busy', note: 'always meets a busy verification center' },
	{ card: '6212260200000000067', state: 'Verification attempts exceeded; retry tomorrow', note: 'its daily attempts are always used up' },
];

const byNumber = new Map(TEST_BANK_CARDS.map((row) => [row.card, row]));

/** The elements a check sends: 2E name and card, 3E with the ID number, 4E with the mobile number too. */
export interface BankCardElements {
	name: string;
	card: string;
	idCard?: string;
	phone?: string;
}

/**
 * The answer to a bank-card check, in Tencent's words: input problems first (name, ID number,
 * card number, mobile number), then the card's fixed state, then an unknown card, then whether
 * every element sent matches its holder.
 */
export function bankCardAnswer(elements: BankCardElements): BankCardAnswer {
	if (!isValidName(elements.name)) return 'Name verification failed';
	if (elements.idCard !== undefined && !isValidIdCardNumber(normalizeIdCardNumber(elements.idCard))) return 'Invalid ID card number';
	const card = normalizeBankCardNumber(elements.card);
	if (bankCardNumberProblem(card)) return 'Invalid bank card number format';
	if (elements.phone !== undefined && mobileNumberProblem(normalizeMobileNumber(elements.phone))) return 'Invalid mobile number';
	const row = byNumber.get(card);
	if (!row) return 'Invalid card number';
	if (row.state) return row.state;
	const { holder } = row;
	const matches =
		holder !== undefined &&
		comparableName(holder.name) === comparableName(elements.name) &&
		(elements.idCard === undefined || normalizeIdCardNumber(elements.idCard) === holder.idCard) &&
		(elements.phone === undefined || normalizeMobileNumber(elements.phone) === holder.phone);
	return matches ? 'Verification passed' : 'Verification failed';
}

/** The `Result` and `Description` of an answer on one action's page. */
export function onPage(page: BankCardPage, answer: BankCardAnswer): { Result: string; Description: string } {
	const codes: Readonly<Record<string, BankCardAnswer>> = { ...page.billed, ...page.notBilled };
	const code = Object.keys(codes).find((candidate) => codes[candidate] === answer);
	if (code === undefined) throw new Error(`sandbox: the page has no code for "${answer}"`);
	return { Result: code, Description: answer };
}

/**
 * A bank-card check's answers: the elements it sends (name and card, with the ID number and the
 * reserved phone where `sends` says) against the test cards, in the codes of its page, billed where
 * the page says so.
 */
export function bankCardAnswers(page: BankCardPage, sends: { idCard?: true; phone?: true } = {}): SandboxAnswers {
	return {
		handler(params) {
			// Encryption was already opened by the server (sandbox/encryption.ts): the elements are plain here.
			const answer = bankCardAnswer({
				name: requiredString(params, 'Name'),
				...(sends.idCard ? { idCard: requiredString(params, 'IdCard') } : {}),
				card: requiredString(params, 'BankCard'),
				...(sends.phone ? { phone: requiredString(params, 'Phone') } : {}),
			});
			return onPage(page, answer);
		},
		isBillable: (response) => String(response.Result) in page.billed,
	};
}
