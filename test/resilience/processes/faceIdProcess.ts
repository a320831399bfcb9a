/**
 * One n8n process for the multi-process tests: runs one FaceID execution through n8n's engine,
 * as a queue-mode worker would, with the environment the test gives it (EXECUTIONS_MODE,
 * QUEUE_BULL_REDIS_*). Started with `node --import tsx`. It first runs one item, as a worker that
 * has worked before would have (its first request loads n8n's HTTP code and opens a connection,
 * which makes it tens of milliseconds later than the pacer let it start), then waits until the
 * agreed start time so that the processes run at once, and prints each item's result as one JSON line.
 */
import { runFaceId, sandboxCredential } from '../../support/faceIdWorkflow';
import { idCardParameters, itemsOf, resultOfEachItem } from '../support';
import { workloadIdentities } from '../../../sandbox/workload';

interface Job {
	sandboxUrl: string;
	items: number;
	maxRequestsPerSecond: number;
	concurrency: number;
	startAt: number;
}

async function main(): Promise<void> {
	const job = JSON.parse(process.argv[2]) as Job;
	const run = (items: number) =>
		runFaceId({
			parameters: idCardParameters({ concurrency: job.concurrency, maxRequestsPerSecond: job.maxRequestsPerSecond }),
			items: itemsOf(workloadIdentities(items)),
			credential: sandboxCredential(job.sandboxUrl),
			onError: 'continueRegularOutput',
		});
	await run(1);
	await new Promise((resolve) => setTimeout(resolve, Math.max(0, job.startAt - Date.now())));
	const result = await run(job.items);
	process.stdout.write(`${JSON.stringify({ results: resultOfEachItem(result) })}\n`);
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		process.exit(1);
	},
);
