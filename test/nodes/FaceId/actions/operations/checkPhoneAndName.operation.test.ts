/**
 * The "Verify Phone and Name" operation (CheckPhoneAndName), offered on the China site only. Its
 * request: name and number as Tencent wants them. Then through n8n's engine against the sandbox
 * with a China-site credential: the holder passes, another name fails (code "1", not "-1"), the rest
 * goes to Review; with an International-site credential nothing is sent.
 */
import { checkPhoneAndName } from '../../../../../nodes/FaceId/actions/operations/checkPhoneAndName.operation';
import { startSandbox, type Sandbox } from '../../../../../sandbox/server';
import { FACEID_NODE, runFaceId, sandboxCredential } from '../../../../support/faceIdWorkflow';
import { executeContext } from './support/executeContext';
import { routedRun } from './support/routedRun';

describe('the request', () => {
	test('{ Name, Mobile }', async () => {
		const request = await checkPhoneAndName.buildRequest.call(executeContext({ parameters: { name: ' 张三 ', phone: '138 0013 8000' } }), 0);
		expect(request).toStrictEqual({ Name: '张三', Mobile: '13800138000' });
	});
});

describe('through the engine, against the sandbox', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox.close());

	const parameters = { operation: 'checkPhoneAndName', name: '={{ $json.name }}', phone: '={{ $json.phone }}', options: { validateBeforeSending: false } };

	test('with a China-site credential: routes, codes and billing', async () => {
		const items = [
			{ name: '张三', phone: '13800138000' },
			{ name: '李四', phone: '13800138000' },
			{ name: '张三', phone: '13712345678' },
			{ name: 'R2D2', phone: '13800138000' },
			{ name: '张三', phone: '13700000003' },
			{ name: '张三', phone: '13700000006' },
			{ name: '张三', phone: '17012345678' },
			{ name: '张三', phone: '1380013800' },
		];
		const run = await routedRun(sandbox, parameters, items, { site: 'china' });
		expect(run.routes).toEqual(['Passed', 'Failed', 'Review', 'Review', 'Review', 'Review', 'Review', 'Review']);
		expect(run.outcomes.map((outcome) => [outcome.code, outcome.billable, outcome.retryable])).toEqual([
			['0', true, false],
			['1', true, false],
			['-1', false, false],
			['-4', false, false],
			['-3', false, true],
			['-6', false, true],
			['-13', false, false],
			['-5', false, false],
		]);
		expect(run.billed).toBe(2);
	});

	test('with an International-site credential the node fails before sending, naming both sites', async () => {
		sandbox.clearRequests();
		const result = await runFaceId({ parameters, items: [{ json: { name: '张三', phone: '13800138000' } }], credential: sandboxCredential(sandbox) });
		expect(result.nodeError(FACEID_NODE)?.message).toBe(`"Verify Phone and Name" is offered on Tencent Cloud's China site only; this credential is for the International site`);
		expect(sandbox.requests).toHaveLength(0);
	});
});
