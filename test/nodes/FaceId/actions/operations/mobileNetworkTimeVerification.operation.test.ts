/**
 * The "Check Months in Use" operation (MobileNetworkTimeVerification). Its request: the number as
 * Tencent wants it. Then through n8n's engine against the sandbox: a number passes from Minimum
 * Months in Use (option, default 6) on; newer numbers, and ranges that do not tell, go to Review;
 * a number that does not exist fails, and is billed.
 */
import type { INodeParameters } from 'n8n-workflow';

import { mobileNetworkTimeVerification } from '../../../../../nodes/FaceId/actions/operations/mobileNetworkTimeVerification.operation';
import { startSandbox, type Sandbox } from '../../../../../sandbox/server';
import { executeContext } from './support/executeContext';
import { routedRun } from './support/routedRun';

describe('the request', () => {
	test('{ Mobile }: the 11 digits', async () => {
		const request = await mobileNetworkTimeVerification.buildRequest.call(executeContext({ parameters: { phone: ' 150 0015 0000 ' } }), 0);
		expect(request).toStrictEqual({ Mobile: '15000150000' });
	});

	test('Simplify keeps Result, Description and Range', () => {
		expect(mobileNetworkTimeVerification.simplify({ RequestId: 'r', Result: '0', Description: 'ok', Range: '[6,12)' })).toEqual({ Result: '0', Description: 'ok', Range: '[6,12)' });
	});
});

describe('through the engine, against the sandbox', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox.close());

	const PHONES = ['13800138000', '13900139000', '15000150000', '13700000005', '13700000002', '13712345678', '13700000099', '13700000003', '13700000006', '17112345678'];
	const parameters = (options: INodeParameters = {}): INodeParameters => ({ operation: 'mobileNetworkTimeVerification', phone: '={{ $json.phone }}', options });

	test('with the default minimum of 6 months: routes, codes and billing of every test phone', async () => {
		const run = await routedRun(sandbox, parameters(), PHONES.map((phone) => ({ phone })));
		expect(PHONES.map((phone, index) => [phone, run.routes[index], run.outcomes[index].code, run.outcomes[index].billable])).toEqual([
			['13800138000', 'Passed', '0', true], // (24,+]
			['13900139000', 'Passed', '0', true], // [6,12)
			['15000150000', 'Review', '0', true], // [0,3): new
			['13700000005', 'Review', '0', true], // [3,12): does not tell
			['13700000002', 'Failed', '-2', true], // cancelled: does not exist
			['13712345678', 'Failed', '-2', true], // unknown to the carrier
			['13700000099', 'Review', '-3', true], // exists, months unknown
			['13700000003', 'Review', '-4', false], // busy
			['13700000006', 'Review', '-5', false], // daily limit
			['17112345678', 'Review', '-13', false], // a virtual carrier's range
		]);
		expect(run.outcomes[2].description).toBe('In use for at least 0 and under 3 months, under the minimum of 6');
		expect(run.billed).toBe(7);
	});

	test('Minimum Months in Use decides: at 0 every known range passes, at 24 only the oldest', async () => {
		const known = PHONES.slice(0, 4).map((phone) => ({ phone }));
		expect((await routedRun(sandbox, parameters({ minimumMonthsInUse: 0 }), known)).routes).toEqual(['Passed', 'Passed', 'Passed', 'Passed']);
		expect((await routedRun(sandbox, parameters({ minimumMonthsInUse: 24 }), known)).routes).toEqual(['Passed', 'Review', 'Review', 'Review']);
	});
});
