/**
 * The "Look Up Card" operation (CheckBankCardInformation). Its request: the card number's digits.
 * Then through n8n's engine against the sandbox: a found card passes and says its kind and bank, a
 * an invalid card number fails, the rest goes to Review; billed as Tencent's page lists it.
 */
import { checkBankCardInformation } from '../../../../../nodes/FaceId/actions/operations/checkBankCardInformation.operation';
import { startSandbox, type Sandbox } from '../../../../../sandbox/server';
import { executeContext } from './support/executeContext';
import { routedRun } from './support/routedRun';

describe('the request', () => {
	test('{ BankCard }: the digits, without spaces or hyphens', async () => {
		const request = await checkBankCardInformation.buildRequest.call(executeContext({ parameters: { bankCard: '6222 0202 0000 1234 567' } }), 0);
		expect(request).toStrictEqual({ BankCard: '6222020200001234567' });
	});

	test('Simplify keeps Result, Description, AccountBank and AccountType', () => {
		const response = { RequestId: 'r', Result: '0', Description: 'ok', AccountBank: '中国工商银行', AccountType: 1, Other: 'x' };
		expect(checkBankCardInformation.simplify(response)).toEqual({ Result: '0', Description: 'ok', AccountBank: '中国工商银行', AccountType: 1 });
	});
});

describe('through the engine, against the sandbox', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox.close());

	const CASES: Array<[card: string, route: string, code: string, billable: boolean]> = [
		['6222020200001234567', 'Passed', '0', true], // 张三's debit card
		['6228480010003456789', 'Passed', '0', true], // 王五's credit card
		['6212260200000000026', 'Review', '-1', true], // the lookup finds nothing on it
		['6212260200000000059', 'Review', '-2', false], // busy
		['6212260200000000999', 'Review', '-3', false], // no such card: a typo, most likely
		['6212260200000000067', 'Review', '-4', false], // daily limit
		['62220202', 'Failed', '-5', true], // too short, with the node's check off
		['6212260200000000042', 'Review', '-6', false], // a kind the lookup does not cover
	];

	test("each test card leaves by its output, with Tencent's code and billing; a found card names its kind and bank", async () => {
		const parameters = { operation: 'checkBankCardInformation', bankCard: '={{ $json.card }}', options: { validateBeforeSending: false } };
		const run = await routedRun(sandbox, parameters, CASES.map(([card]) => ({ card })));
		expect(CASES.map(([card], index) => [card, run.routes[index], run.outcomes[index].code, run.outcomes[index].billable])).toEqual(CASES);
		// Each item asked once: a busy service or a used-up daily limit is not asked again.
		expect(sandbox.requests).toHaveLength(CASES.length);
		expect(run.billed).toBe(4);
		expect(run.outcomes[0].description).toBe('The card was found: debit card issued by 中国工商银行');
		expect(run.outcomes[1].description).toBe('The card was found: credit card issued by 中国农业银行');
		const passed = run.result.outputs('FaceID')[0][0].json;
		expect(passed).toMatchObject({ AccountBank: '中国工商银行', AccountType: 1 });
	});
});
