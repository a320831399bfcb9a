/**
 * The sandbox's bank cards and the pages of the three bank-card checks: each page holds the same
 * codes as the action's definition in lib/ and bills exactly the codes lib counts as billable (two
 * tables written apart, one from each side, that must agree), and every test card answers as the
 * sandbox README says.
 */
import { OUTCOME_TABLES } from '../../lib/tencent/catalogue';
import { PAGE as FOUR_ELEMENTS } from '../../sandbox/actions/BankCard4EVerification';
import { PAGE as THREE_ELEMENTS } from '../../sandbox/actions/BankCardVerification';
import { PAGE as TWO_ELEMENTS } from '../../sandbox/actions/BankCard2EVerification';
import { bankCardAnswer, onPage, TEST_BANK_CARDS, type BankCardPage } from '../../sandbox/bankCards';

const PAGES: Array<[string, BankCardPage]> = [
	['BankCard4EVerification', FOUR_ELEMENTS],
	['BankCardVerification', THREE_ELEMENTS],
	['BankCard2EVerification', TWO_ELEMENTS],
];

describe.each(PAGES)('%s: its page and its definition agree', (action, page) => {
	const table = OUTCOME_TABLES[action].results;

	test('the same codes; billed exactly where lib says billable', () => {
		expect(Object.keys({ ...page.billed, ...page.notBilled }).sort()).toEqual(Object.keys(table).sort());
		for (const code of Object.keys(table)) expect([code, code in page.billed]).toEqual([code, table[code].billable]);
	});

	test('one code per answer: the page never says one thing twice', () => {
		const answers = Object.values({ ...page.billed, ...page.notBilled });
		expect(new Set(answers).size).toBe(answers.length);
	});
});

const ZHANG_SAN = { name: '张三', idCard: '110105198506150022', phone: '13800138000' };
const CARD = '6222020200001234567';

describe('the test cards', () => {
	test("a card's holder passes on every element; another name, ID number or phone fails", () => {
		expect(bankCardAnswer({ ...ZHANG_SAN, card: CARD })).toBe('Verification passed');
		expect(bankCardAnswer({ name: '张三', card: CARD })).toBe('Verification passed');
		expect(bankCardAnswer({ ...ZHANG_SAN, name: '李四', card: CARD })).toBe('Verification failed');
		expect(bankCardAnswer({ ...ZHANG_SAN, idCard: '51010720000229007X', card: CARD })).toBe('Verification failed');
		expect(bankCardAnswer({ ...ZHANG_SAN, phone: '13900139000', card: CARD })).toBe('Verification failed');
	});

	test('input problems come first, in the order name, ID number, card, phone', () => {
		expect(bankCardAnswer({ ...ZHANG_SAN, name: 'R2D2', idCard: '1', card: 'x' })).toBe('Name verification failed');
		expect(bankCardAnswer({ ...ZHANG_SAN, idCard: '110105198506150023', card: 'x' })).toBe('Invalid ID card number');
		expect(bankCardAnswer({ ...ZHANG_SAN, card: '62220202', phone: '1' })).toBe('Invalid bank card number format');
		expect(bankCardAnswer({ ...ZHANG_SAN, card: CARD, phone: '23800138000' })).toBe('Invalid mobile number');
		expect(bankCardAnswer({ ...ZHANG_SAN, card: '6222020200009999999' })).toBe('Invalid card number');
	});

	test('a card in a fixed state answers it to anyone, on every page', () => {
		const fixed = TEST_BANK_CARDS.filter((row) => row.state);
		expect(fixed.length).toBeGreaterThanOrEqual(7);
		for (const row of fixed) {
			expect(bankCardAnswer({ name: '赵六', card: row.card })).toBe(row.state);
			for (const [, page] of PAGES) expect(onPage(page, row.state!).Description).toBe(row.state);
		}
	});

	test('the same answer has its own code on each page', () => {
		expect(PAGES.map(([, page]) => onPage(page, 'The card has been reported lost').Result)).toEqual(['-13', '-12', '-11']);
		expect(PAGES.map(([, page]) => onPage(page, 'Verification attempts exceeded; retry tomorrow').Result)).toEqual(['-19', '-18', '-17']);
	});
});
