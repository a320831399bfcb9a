/**
 * n8n's own "Retry On Fail" runs the whole node again when one item fails: the items Tencent
 * already answered (and billed) in the first run are not bought again in the next, and say so; the
 * same for the documents Apply Card Verification bought.
 */
import { summariseBilling } from '../../sandbox/billing';
import { ApplyCardVerificationAction } from '../../sandbox/actions/ApplyCardVerification';
import { IdCardVerificationAction } from '../../sandbox/actions/IdCardVerification';
import { readImageScenario, testJpeg } from '../../sandbox/actions/testImages';
import { defineSandboxAction, SandboxApiError, startSandbox } from '../../sandbox/server';
import { workloadIdentities } from '../../sandbox/workload';
import { packageTypes, runWorkflow } from '../harness';
import { FACEID_NODE, faceIdWorkflow, sandboxCredential } from '../support/faceIdWorkflow';
import { idCardParameters, itemsOf, resultOfEachItem } from './support';

/**
 * IdCardVerification, except that the given ID number fails the first time it is asked: refused
 * (not billed), or an InternalError after Tencent charged for it.
 */
function failsOnceFor(idCard: string, failure: 'refused' | 'billedInternalError') {
	let failed = false;
	return defineSandboxAction({
		...IdCardVerificationAction,
		handler: async (params, ctx) => {
			if (params.IdCard === idCard && !failed) {
				failed = true;
				if (failure === 'refused') throw new SandboxApiError('InvalidParameter', 'A passing problem with this one request.');
				throw new SandboxApiError('InternalError', 'The answer was lost after the check ran.', { billable: true });
			}
			return await IdCardVerificationAction.handler(params, ctx);
		},
	});
}

async function runWithRetryOnFail(retryOnFail: boolean, failure: 'refused' | 'billedInternalError' = 'refused') {
	const identities = workloadIdentities(8);
	const sandbox = await startSandbox({ actions: [failsOnceFor(identities[5].idCard, failure)] });
	try {
		const workflow = faceIdWorkflow(idCardParameters({ concurrency: 1 }));
		const faceId = workflow.nodes.find((node) => node.name === FACEID_NODE)!;
		Object.assign(faceId, { retryOnFail, maxTries: 2, waitBetweenTries: 0 });
		const result = await runWorkflow(workflow, {
			credentials: { tencentCloudApi: sandboxCredential(sandbox) },
			...packageTypes(),
			pinData: { Start: itemsOf(identities) },
		});
		// By input item (the outputs are routed).
		const outcomes: Array<{ code: string; billable: boolean; reused?: boolean; attempts?: number; possiblyBilledAttempts?: number }> = [];
		for (const item of result.outputs(FACEID_NODE).flat()) {
			const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
			if (typeof paired === 'object' && paired) outcomes[paired.item] = item.json.outcome as (typeof outcomes)[number];
		}
		return { identities, result, outcomes, requests: [...sandbox.requests] };
	} finally {
		await sandbox.close();
	}
}

describe('Retry On Fail', () => {
	test('the second run reuses what the first one bought: every item right, no check billed twice', async () => {
		const { identities, result, outcomes, requests } = await runWithRetryOnFail(true);
		expect(result.error).toBeUndefined();
		expect(resultOfEachItem(result)).toEqual(identities.map((identity) => identity.expected));
		expect(summariseBilling(requests).repeatedBillable).toBe(0);
		// The first run bought items 0-4 and failed on item 5; the billed ones among them are reused.
		const billedBefore = outcomes.slice(0, 5).filter((outcome) => outcome.billable);
		expect(billedBefore.length).toBeGreaterThan(0);
		expect(billedBefore.every((outcome) => outcome.reused === true)).toBe(true);
		expect(outcomes.slice(5).some((outcome) => outcome.reused)).toBe(false);
		// Unbilled answers are asked again (free); nothing else is.
		const unbilledBefore = outcomes.slice(0, 5).filter((outcome) => !outcome.billable).length;
		expect(requests).toHaveLength(5 + 1 + unbilledBefore + 3);
	});

	test('an item whose failed try Tencent may have billed says so on the next try: every second charge is counted', async () => {
		const { identities, result, outcomes, requests } = await runWithRetryOnFail(true, 'billedInternalError');
		expect(result.error).toBeUndefined();
		expect(resultOfEachItem(result)).toEqual(identities.map((identity) => identity.expected));
		const repeated = summariseBilling(requests).repeatedBillable;
		expect(outcomes[5]).toMatchObject({ attempts: 2, possiblyBilledAttempts: 1 });
		expect(repeated).toBe(outcomes[5].billable ? 1 : 0);
		const counted = outcomes.filter((outcome) => outcome.billable).reduce((sum, outcome) => sum + (outcome.possiblyBilledAttempts ?? 0), 0);
		expect(counted).toBe(repeated);
	});

	test('one run alone reuses nothing (so the test above measures the reuse)', async () => {
		const { result, outcomes } = await runWithRetryOnFail(false);
		expect(result.error?.message).toMatch(/^InvalidParameter: /);
		expect(outcomes.some((outcome) => outcome?.reused)).toBe(false);
	});
});

describe('Retry On Fail with Apply Card Verification', () => {
	/** ApplyCardVerification, except that the document of `name` is refused the first time (not billed). */
	function applyFailsOnceFor(name: string) {
		let failed = false;
		return defineSandboxAction({
			...ApplyCardVerificationAction,
			handler: async (params, ctx) => {
				const scenario = readImageScenario(Buffer.from(String(params.ImageBase64Front ?? ''), 'base64'));
				if (scenario?.name === name && !failed) {
					failed = true;
					throw new SandboxApiError('InvalidParameter', 'A passing problem with this one request.');
				}
				return await ApplyCardVerificationAction.handler(params, ctx);
			},
		});
	}

	test('the second run reuses the documents the first one bought: their tokens, not a second purchase', async () => {
		const names = ['张三', '李四', '王五'];
		const sandbox = await startSandbox({ actions: [applyFailsOnceFor('王五')] });
		try {
			const parameters = {
				operation: 'applyCardVerification',
				apiGeneration: 'faceid',
				cardRegion: 'ap-singapore',
				nationality: 'SGP',
				cardType: 'PASSPORT',
				documentFrontSource: 'binary',
				waitForResult: false,
				registry: 'none',
				simplify: false,
				options: { concurrency: 1 },
			};
			const workflow = faceIdWorkflow(parameters);
			Object.assign(workflow.nodes.find((node) => node.name === FACEID_NODE)!, { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 });
			const items = names.map((name) => ({ json: { name }, binary: { data: { data: testJpeg({ name, result: 'PASSED' }).toString('base64'), mimeType: 'image/jpeg' } } }));
			const result = await runWorkflow(workflow, { credentials: { tencentCloudApi: sandboxCredential(sandbox) }, ...packageTypes(), pinData: { Start: items } });
			expect(result.error).toBeUndefined();
			const byItem = result.outputs(FACEID_NODE).flat().sort((a, b) => (a.pairedItem as { item: number }).item - (b.pairedItem as { item: number }).item);
			expect(byItem.map((item) => (item.json.outcome as { reused?: boolean }).reused ?? false)).toEqual([true, true, false]);
			// Three documents bought once each; the refused request cost nothing.
			const applies = sandbox.requests.filter((request) => request.action === 'ApplyCardVerification');
			expect(applies.map((request) => request.billable)).toEqual([true, true, false, true]);
			expect(summariseBilling(sandbox.requests).repeatedBillable).toBe(0);
			const tokens = byItem.map((item) => (item.json.verification as { token: string }).token);
			expect(new Set(tokens).size).toBe(3);
		} finally {
			await sandbox.close();
		}
	});
});
