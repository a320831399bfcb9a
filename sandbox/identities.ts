/**
 * The sandbox's "ID document database": fictional people (Chinese placeholder names like
 * 张三 / 李四, and Tencent's own example name Wei Xiaobao) with ID numbers whose GB 11643 check
 * digits are correct. Every row is also an example request with the Result it gets; the rules in
 * `idCardVerificationResult` derive each answer, and a test checks that every row agrees.
 * Documented in sandbox/README.md: keep the two in step.
 */
import { isValidIdCardNumber, MAX_NAME_LENGTH, normalizeIdCardNumber } from '../lib/tencent/idCardNumber';

export type IdCardVerificationResult = '0' | '-1' | '-2' | '-3' | '-4' | '-5' | '-6' | '-7';

export interface TestIdentity {
	name: string;
	idCard: string;
	result: IdCardVerificationResult;
	/** Why this row gets its result. */
	note: string;
}

/** Tencent's English descriptions (the name + ID-number check's page, international site). */
export const RESULT_DESCRIPTIONS: Readonly<Record<IdCardVerificationResult, string>> = {
	'0': 'Name and identity card number match',
	'-1': 'Name and ID card number mismatch',
	'-2': 'Invalid ID number',
	'-3': 'Invalid name',
	'-4': 'Document library service exception',
	'-5': 'No ID card record found in the document library',
	'-6': 'The authoritative comparison system is being upgraded. Try again later.',
	'-7': 'Authentication attempts exceeded the daily limit.',
};

/** Tencent charges for "0" and "-1" only. */
export const BILLABLE_RESULTS: ReadonlySet<string> = new Set(['0', '-1']);

export const TEST_IDENTITIES: readonly TestIdentity[] = [
	{ name: 'Wei Xiaobao', idCard: '110101199003070011', result: '0', note: 'registered; Latin names match ignoring case and extra spaces' },
	{ name: '张三', idCard: '110105198506150022', result: '0', note: 'registered' },
	{ name: '王五', idCard: '51010720000229007X', result: '0', note: 'registered; check character X, born on a leap day' },
	{ name: 'Chen Jing', idCard: '440305199505132561', result: '0', note: 'registered (the ID number of Tencent\'s mismatch example)' },
	{ name: '李四', idCard: '110105198506150022', result: '-1', note: '张三\'s number with another name' },
	{ name: 'Liu Yang', idCard: '440305199505132561', result: '-1', note: 'Tencent\'s own mismatch example' },
	{ name: 'Wei Xiaobao', idCard: '110101199003070012', result: '-2', note: 'wrong check digit (should be 1)' },
	{ name: 'Wei Xiaobao', idCard: '11204416541220243X', result: '-2', note: 'Tencent\'s match example: its check digit is wrong (should be 4)' },
	{ name: '张三', idCard: '11010519850615002', result: '-2', note: '17 characters' },
	{ name: 'R2D2', idCard: '110101199003070011', result: '-3', note: 'digits in the name' },
	{ name: '赵六', idCard: '310101199202280035', result: '-4', note: 'this number always meets a document service exception' },
	{ name: '周七', idCard: '320106199305120062', result: '-5', note: 'valid number that is not registered' },
	{ name: '钱七', idCard: '440305198808080047', result: '-6', note: 'this number always meets the authority upgrade' },
	{ name: '孙八', idCard: '110102197501010051', result: '-7', note: 'this number always has its daily attempts used up' },
];

/** Numbers whose check always fails the same way, whatever the name. */
const FAULT_RESULTS: ReadonlySet<IdCardVerificationResult> = new Set(['-4', '-6', '-7']);

const registeredNames = new Map<string, string>();
const faultsByNumber = new Map<string, IdCardVerificationResult>();
for (const row of TEST_IDENTITIES) {
	if (row.result === '0') registeredNames.set(row.idCard, row.name);
	if (FAULT_RESULTS.has(row.result)) faultsByNumber.set(row.idCard, row.result);
}

/**
 * A name is 1 to MAX_NAME_LENGTH characters after trimming, starts with a letter and holds only letters, marks,
 * spaces and the separators · . ' - (no digits, no other symbols).
 */
export function isValidName(name: string): boolean {
	const trimmed = name.trim();
	if (trimmed.length === 0 || Array.from(trimmed).length > MAX_NAME_LENGTH) return false;
	return /^\p{L}[\p{L}\p{M} ·.'-]*$/u.test(trimmed);
}

/** Comparison form: trimmed, inner whitespace collapsed, lower case (Chinese is unaffected). */
export function comparableName(name: string): string {
	return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * The Result for a name and ID number: "-2" invalid number (GB 11643 check) first, then "-3"
 * invalid name, then the per-number faults, then match / mismatch / no record.
 */
export function idCardVerificationResult(name: string, idCard: string, today: Date): IdCardVerificationResult {
	const number = normalizeIdCardNumber(idCard);
	if (!isValidIdCardNumber(number, { today })) return '-2';
	if (!isValidName(name)) return '-3';
	const fault = faultsByNumber.get(number);
	if (fault) return fault;
	const registered = registeredNames.get(number);
	if (registered === undefined) return '-5';
	return comparableName(registered) === comparableName(name) ? '0' : '-1';
}

/**
 * The validity period printed on each registered identity's card (YYYYMMDD; "00000000" for life),
 * what the validity check compares.
 */
export const ID_CARD_VALIDITY: Readonly<Record<string, { begin: string; end: string }>> = {
	'110101199003070011': { begin: '20100307', end: '20300307' }, // Wei Xiaobao
	'110105198506150022': { begin: '20150701', end: '20350701' }, // 张三
	'51010720000229007X': { begin: '20160229', end: '20360229' }, // 王五, leap days both
	'440305199505132561': { begin: '20150513', end: '00000000' }, // Chen Jing, valid for life
};
