/**
 * The "Check Number Status" operation (MobileStatus). Its request: the number as Tencent wants it,
 * checked before sending. Then through n8n's engine against the sandbox: each test phone leaves by
 * the output its carrier status calls for, and only a successful query is billed.
 */
import { mobileStatus } from '../../../../../nodes/FaceId/actions/operations/mobileStatus.operation';
import { startSandbox, type Sandbox } from '../../../../../sandbox/server';
import { executeContext, failure } from './support/executeContext';
import { routedRun } from './support/routedRun';

const build = (parameters: Record<string, unknown>) => mobileStatus.buildRequest.call(executeContext({ parameters }), 0);

describe('the request', () => {
	test('{ Mobile }: the 11 digits, without +86, spaces or hyphens', async () => {
		expect(await build({ phone: '+86 138-0013-8000' })).toStrictEqual({ Mobile: '13800138000' });
	});

	test('a number that is not a mainland mobile number is refused before sending, shown masked', async () => {
		const error = await failure(() => build({ phone: '12800138000' }));
		expect(error.message).toBe('Mobile Number must start with 13 to 19 (a mainland China mobile number) [item 0]');
		expect((error as { description?: string }).description).toBe('Received 128****8000. Nothing was sent to Tencent Cloud, so this item cost nothing.');
	});

	test('Simplify keeps Result, Description and StatusCode', () => {
		expect(mobileStatus.simplify({ RequestId: 'r', Result: '0', Description: 'ok', StatusCode: 1 })).toEqual({ Result: '0', Description: 'ok', StatusCode: 1 });
	});
});

describe('through the engine, against the sandbox', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox.close());

	const CASES: Array<[phone: string, route: string, code: string, billable: boolean]> = [
		['13800138000', 'Passed', '0', true], // in service
		['13700000001', 'Failed', '0', true], // suspended
		['13700000002', 'Failed', '0', true], // cancelled
		['13700000004', 'Failed', '0', true], // not on the network
		['13700000005', 'Review', '0', true], // on the network, unusable
		['13700000099', 'Review', '0', true], // status unknown
		['13712345678', 'Review', '-1', false], // no result
		['13700000003', 'Review', '-3', false], // busy
		['13700000006', 'Review', '-4', false], // daily limit
		['17012345678', 'Review', '-13', false], // a virtual carrier's range
		['1380013800', 'Review', '-2', false], // malformed, with the node's check off
	];

	test("every test phone leaves by the output its status calls for, with Tencent's code and billing", async () => {
		const parameters = { operation: 'mobileStatus', phone: '={{ $json.phone }}', options: { validateBeforeSending: false } };
		const run = await routedRun(sandbox, parameters, CASES.map(([phone]) => ({ phone })));
		expect(CASES.map(([phone], index) => [phone, run.routes[index], run.outcomes[index].code, run.outcomes[index].billable])).toEqual(CASES);
		expect(run.billed).toBe(CASES.filter((entry) => entry[3]).length);
		expect(run.outcomes[1].description).toBe('The number is suspended');
	});
});
