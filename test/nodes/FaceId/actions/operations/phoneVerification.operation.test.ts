/**
 * The "Verify Phone, Name and ID Number" operation (PhoneVerification). Its request: the three
 * elements as Tencent wants them, and VerifyMode only when the detailed result is asked for (China
 * site). Then through n8n's engine against the sandbox: the holder passes, a mismatch fails and,
 * detailed, says which element differs; the rest goes to Review unbilled.
 */
import { phoneVerification } from '../../../../../nodes/FaceId/actions/operations/phoneVerification.operation';
import { startSandbox, type Sandbox } from '../../../../../sandbox/server';
import { FACEID_NODE, runFaceId, sandboxCredential } from '../../../../support/faceIdWorkflow';
import { executeContext } from './support/executeContext';
import { routedRun } from './support/routedRun';

const ZHANG_SAN = { name: '张三', idCard: '110105198506150022', phone: '13800138000' };

describe('the request', () => {
	test('{ IdCard, Name, Phone }, no VerifyMode for the basic check', async () => {
		const context = executeContext({ parameters: { name: ' 张三 ', idCard: '110105198506150022', phone: '+86 138-0013-8000' } });
		expect(await phoneVerification.buildRequest.call(context, 0)).toStrictEqual({ IdCard: '110105198506150022', Name: '张三', Phone: '13800138000' });
	});
});

describe('through the engine, against the sandbox', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox.close());

	const parameters = (detailedResult: boolean) => ({
		operation: 'phoneVerification',
		name: '={{ $json.name }}',
		idCard: '={{ $json.idCard }}',
		phone: '={{ $json.phone }}',
		detailedResult,
		options: { validateBeforeSending: false },
	});

	const CASES: Array<[item: Record<string, string>, route: string, code: string, billable: boolean]> = [
		[ZHANG_SAN, 'Passed', '0', true],
		[{ ...ZHANG_SAN, name: '李四' }, 'Failed', '-4', true],
		[{ ...ZHANG_SAN, phone: '1380013800' }, 'Review', '-6', false],
		[{ ...ZHANG_SAN, idCard: '110105198506150023' }, 'Review', '-7', false],
		[{ ...ZHANG_SAN, name: 'R2D2' }, 'Review', '-8', false],
		[{ ...ZHANG_SAN, phone: '13712345678' }, 'Review', '-9', false],
		[{ ...ZHANG_SAN, phone: '13700000003' }, 'Review', '-11', false],
		[{ ...ZHANG_SAN, phone: '13700000006' }, 'Review', '-12', false],
		[{ ...ZHANG_SAN, phone: '17012345678' }, 'Review', '-13', false],
	];

	test("each outcome class leaves by its output, with Tencent's code and billing", async () => {
		const run = await routedRun(sandbox, parameters(false), CASES.map(([item]) => item));
		expect(CASES.map(([item], index) => [item, run.routes[index], run.outcomes[index].code, run.outcomes[index].billable])).toEqual(CASES);
		// Each item asked once: a busy service or a used-up daily limit is not asked again.
		expect(sandbox.requests).toHaveLength(CASES.length);
		expect(run.billed).toBe(2);
		// The basic check: Tencent does not say which element differs.
		expect(run.outcomes[1].description).toBe('The number, name and ID number do not match');
		expect(run.result.outputs(FACEID_NODE)[1][0].json).not.toHaveProperty('ResultDetail');
	});

	test('the detailed result (China site) says which element differs', async () => {
		const items = [
			{ ...ZHANG_SAN, idCard: '110101199003070011' },
			{ ...ZHANG_SAN, name: '李四' },
			{ ...ZHANG_SAN, name: '李四', idCard: '110101199003070011' },
		];
		const run = await routedRun(sandbox, parameters(true), items, { site: 'china' });
		expect(run.routes).toEqual(['Failed', 'Failed', 'Failed']);
		expect(run.outcomes.map((outcome) => outcome.description)).toEqual([
			'The number is registered to this name but another ID number',
			'The number is registered to this ID number but another name',
			'The number is registered to neither this name nor this ID number',
		]);
	});

	test('the detailed result with an International-site credential fails the item before sending, naming the field', async () => {
		sandbox.clearRequests();
		const result = await runFaceId({ parameters: parameters(true), items: [{ json: ZHANG_SAN }], credential: sandboxCredential(sandbox) });
		expect(result.nodeError(FACEID_NODE)?.message).toBe('Detailed Result is offered on the China site only [item 0]');
		expect(sandbox.requests).toHaveLength(0);
	});
});
