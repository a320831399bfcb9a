/** Waits (pacing, backoff) end when the execution is cancelled, through n8n's own cancel path. */
import { runWorkflow } from '../harness';
import { packageTypes } from '../harness/packageTypes';
import { startSandbox } from '../../sandbox/server';
import { workloadIdentities } from '../../sandbox/workload';
import { abortableSleep } from '../../nodes/shared/client';
import { faceIdWorkflow, sandboxCredential } from '../support/faceIdWorkflow';
import { idCardParameters, itemsOf } from './support';

describe('abortableSleep (n8n sleep + the cancel signal)', () => {
	test('waits the time asked', async () => {
		const started = Date.now();
		await abortableSleep(120);
		expect(Date.now() - started).toBeGreaterThanOrEqual(115);
	});

	test('a cancel ends a long wait within one 250 ms slice, with an error', async () => {
		const controller = new AbortController();
		const started = Date.now();
		setTimeout(() => controller.abort(), 100);
		await expect(abortableSleep(10_000, controller.signal)).rejects.toThrow('cancelled');
		expect(Date.now() - started).toBeLessThan(600);
	});
});

describe('cancelling an execution', () => {
	test('a run paced at 1 request/s stops at once instead of finishing its 8 items', async () => {
		const sandbox = await startSandbox();
		try {
			const controller = new AbortController();
			const started = Date.now();
			setTimeout(() => controller.abort(), 1500);
			await runWorkflow(faceIdWorkflow(idCardParameters({ maxRequestsPerSecond: 1, concurrency: 8 })), {
				credentials: { tencentCloudApi: sandboxCredential(sandbox) },
				...packageTypes(),
				pinData: { Start: itemsOf(workloadIdentities(8)) },
				signal: controller.signal,
			});
			expect(Date.now() - started).toBeLessThan(3000);
			// 1/s: the requests sent before the cancel, and none after.
			expect(sandbox.requests.length).toBeGreaterThanOrEqual(1);
			expect(sandbox.requests.length).toBeLessThanOrEqual(3);
		} finally {
			await sandbox.close();
		}
	});
});
