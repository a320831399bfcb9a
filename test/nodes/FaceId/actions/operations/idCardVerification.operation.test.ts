/**
 * The "Verify Name and ID Number" operation (IdCardVerification). Its request, built with a
 * stand-in n8n context: the name and number as Tencent wants them, checked before sending unless
 * the user lets Tencent judge. Then through n8n's engine against the sandbox, one item per row of
 * the sandbox's identity table: every Tencent result code leaves by the output the decision table
 * gives it; errors, bad input and "Simplify".
 */
import { NodeOperationError } from 'n8n-workflow';

import { idCardVerification } from '../../../../../nodes/FaceId/actions/operations/idCardVerification.operation';
import { startSandbox, type Sandbox } from '../../../../../sandbox/server';
import { TEST_IDENTITIES } from '../../../../../sandbox/identities';
import { FACEID_NODE, routeOfEachItem, runFaceId, sandboxCredential } from '../../../../support/faceIdWorkflow';
import { executeContext, failure } from './support/executeContext';

describe('the request', () => {
	const build = (parameters: Record<string, unknown>) => idCardVerification.buildRequest.call(executeContext({ parameters }), 0);

	test('Name and IdCard, nothing else: trimmed, the check character upper-cased', async () => {
		expect(await build({ name: ' Wei  Xiaobao ', idCard: ' 51010720000229007x ' })).toEqual({ Name: 'Wei  Xiaobao', IdCard: '51010720000229007X' });
	});

	test('a wrong check digit is refused before sending, the number masked; with the check off, it is sent for Tencent to judge', async () => {
		const error = await failure(() => build({ name: '张三', idCard: '110105198506150023' }));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('ID Card Number has a wrong check digit (GB 11643) [item 0]');
		expect((error as NodeOperationError).description).toBe('Received 1****************3. Nothing was sent to Tencent Cloud, so this item cost nothing.');
		expect(await build({ name: '张三', idCard: '110105198506150023', options: { validateBeforeSending: false } })).toEqual({ Name: '张三', IdCard: '110105198506150023' });
	});

	test('a name that is not text, or too long, names the field', async () => {
		expect((await failure(() => build({ name: 42, idCard: '110105198506150022' }))).message).toBe('Name must be text, not number [item 0]');
		expect((await failure(() => build({ name: '张'.repeat(65), idCard: '110105198506150022' }))).message).toBe('Name is longer than 64 characters [item 0]');
	});

	test('Simplify keeps Result and Description', () => {
		expect(idCardVerification.simplify({ RequestId: 'r', Encryption: null, Description: 'match', Result: '0' })).toEqual({ Result: '0', Description: 'match' });
	});
});

const EXPECTED_ROUTE: Record<string, string> = {
	'0': 'Passed',
	'-1': 'Failed',
	'-2': 'Review',
	'-3': 'Review',
	'-4': 'Review',
	'-5': 'Review',
	'-6': 'Review',
	'-7': 'Review',
};

const parameters = {
	operation: 'idCardVerification',
	name: '={{ $json.name }}',
	idCard: '={{ $json.idCard }}',
	// Let Tencent (the sandbox) answer "-2" itself instead of the node's own check.
	options: { validateBeforeSending: false },
	// Tencent's whole answer (RequestId included), not the simplified fields.
	simplify: false,
};

describe('through the engine', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox.close());

	it('routes each identity of the table by its result code, keeping Tencent fields and adding outcome', async () => {
		const items = TEST_IDENTITIES.map((row) => ({ json: { name: row.name, idCard: row.idCard } }));
		const result = await runFaceId({ parameters, items, credential: sandboxCredential(sandbox) });
		expect(result.error).toBeUndefined();

		const routes = routeOfEachItem(result, parameters);
		expect(routes).toEqual(TEST_IDENTITIES.map((row) => EXPECTED_ROUTE[row.result]));
		// Every result code of the documented vocabulary is exercised.
		expect(new Set(TEST_IDENTITIES.map((row) => row.result))).toEqual(new Set(Object.keys(EXPECTED_ROUTE)));

		const all = result.outputs(FACEID_NODE).flat();
		for (const item of all) {
			const outcome = item.json.outcome as Record<string, unknown>;
			expect(item.json.Result).toBe(outcome.code);
			expect(typeof item.json.RequestId).toBe('string');
			expect(outcome.requestId).toBe(item.json.RequestId);
			expect(outcome.billable).toBe(outcome.code === '0' || outcome.code === '-1');
			expect(typeof outcome.description).toBe('string');
		}
		// The sandbox billed exactly the "0" and "-1" answers, once each.
		const billed = sandbox.requests.filter((r) => r.billable).length;
		expect(billed).toBe(TEST_IDENTITIES.filter((row) => row.result === '0' || row.result === '-1').length);
	});

	it('with "Route by Outcome" off, sends every item to the single output with its outcome', async () => {
		const single = { ...parameters, routeByOutcome: false };
		const items = TEST_IDENTITIES.slice(0, 6).map((row) => ({ json: { name: row.name, idCard: row.idCard } }));
		const result = await runFaceId({ parameters: single, items, credential: sandboxCredential(sandbox) });
		const outputs = result.outputs(FACEID_NODE);
		expect(outputs).toHaveLength(1);
		expect(outputs[0].map((item) => (item.json.outcome as { status: string }).status)).toEqual(
			TEST_IDENTITIES.slice(0, 6).map((row) => EXPECTED_ROUTE[row.result].toLowerCase()),
		);
	});

	it('stops the workflow on an auth error, naming the code and the item', async () => {
		const items = [{ json: { name: TEST_IDENTITIES[0].name, idCard: TEST_IDENTITIES[0].idCard } }];
		const result = await runFaceId({
			parameters,
			items,
			credential: sandboxCredential(sandbox, { secretKey: 'wrong-secret-key' }),
		});
		expect(result.error?.message).toMatch(/^AuthFailure\.SignatureFailure: .*\[item 0\]$/);
		expect(JSON.stringify(result.run.data.resultData)).not.toContain('wrong-secret-key');
	});

	it('sends invalid input to the error output without calling Tencent, and keeps good items flowing', async () => {
		sandbox.clearRequests();
		const items = [
			{ json: { name: '张三', idCard: '110105198506150022' } },
			{ json: { name: '张三', idCard: '110105198506150023' } },
			{ json: { name: '   ', idCard: '110105198506150022' } },
		];
		const checked = { ...parameters, options: {} };
		const result = await runFaceId({ parameters: checked, items, credential: sandboxCredential(sandbox), onError: 'continueErrorOutput' });
		const routes = routeOfEachItem(result, checked, 'continueErrorOutput');
		expect(routes).toEqual(['Passed', 'Error', 'Error']);
		const errors = result.outputs(FACEID_NODE)[3].map((item) => String(item.json.error));
		expect(errors[0]).toBe('ID Card Number has a wrong check digit (GB 11643) [item 1]');
		expect(errors[1]).toBe('Name is empty [item 2]');
		// n8n merges the input item into error items (the user's own data); our message and details never repeat the number.
		const errorText = result.outputs(FACEID_NODE)[3].map((item) => `${item.json.error} ${item.json.details ?? ''}`).join(' ');
		expect(errorText).not.toContain('110105198506150023');
		expect(errorText).toContain('1****************3');
		// Only the valid item reached the API.
		expect(sandbox.requests).toHaveLength(1);
	});

	it('with "continue (regular output)", puts the error item on Review in its place', async () => {
		const items = [{ json: { name: 'R2D2', idCard: 'abc' } }];
		const checked = { ...parameters, options: {} };
		const result = await runFaceId({ parameters: checked, items, credential: sandboxCredential(sandbox), onError: 'continueRegularOutput' });
		const review = result.outputs(FACEID_NODE)[2];
		expect(review).toHaveLength(1);
		expect(review[0].json.error).toBe('ID Card Number must have 18 characters, not 3 [item 0]');
		expect(review[0].pairedItem).toEqual({ item: 0 });
	});

	it('Simplify on keeps Result and Description; off keeps the RequestId too', async () => {
		const simple = { operation: 'idCardVerification', name: '={{ $json.name }}', idCard: '={{ $json.idCard }}' };
		const items = [{ json: { name: '张三', idCard: '110105198506150022' } }];
		const on = await runFaceId({ parameters: simple, items, credential: sandboxCredential(sandbox) });
		expect(Object.keys(on.outputs(FACEID_NODE)[0][0].json)).toEqual(['Result', 'Description', 'outcome']);
		const off = await runFaceId({ parameters: { ...simple, simplify: false }, items, credential: sandboxCredential(sandbox) });
		expect(Object.keys(off.outputs(FACEID_NODE)[0][0].json).sort()).toEqual(['Description', 'RequestId', 'Result', 'outcome']);
	});
});
