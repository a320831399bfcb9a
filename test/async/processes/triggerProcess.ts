/**
 * The n8n main instance's side: the FaceID Trigger of an active workflow, polled by n8n-core's
 * PollTriggerExecutor every `tickMs`. Each emission is appended to `out` as JSON lines in one
 * write (standing in for the execution n8n starts), before the trigger's deferred commit runs.
 * Started (and SIGKILLed) by killRestart.test.ts.
 */
import { appendFileSync } from 'node:fs';

import type { IDataObject, INode } from 'n8n-workflow';

import { triggerRunner } from '../../harness/pollTrigger';
import { CREDENTIAL_TYPES, NODE_TYPES, sandboxCredential, TRIGGER_TYPE } from '../../support/documentCheckWorkflows';
import { registryParameters, type ProcessConfig } from './config';

const OUTPUTS = ['passed', 'failed', 'review'];

async function main(): Promise<void> {
	const config = JSON.parse(process.argv[2]) as ProcessConfig & { out: string; tickMs: number; leaseSeconds: number; commitDelaySeconds: number };
	const trigger: INode = {
		id: 'trigger-node',
		name: 'FaceID Trigger',
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {
			...registryParameters(config),
			routeByOutcome: true,
			options: { leaseSeconds: config.leaseSeconds, commitDelaySeconds: config.commitDelaySeconds, maxResults: 100, concurrency: 8 },
		},
		credentials: {
			tencentCloudApi: { id: 'cred-1', name: 'FaceID sandbox' },
			faceIdRegistryRedis: { id: 'cred-2', name: 'Registry Redis' },
		},
	};
	const runner = await triggerRunner({ nodes: [trigger], connections: {} }, 'FaceID Trigger', {
		credentials: {
			tencentCloudApi: sandboxCredential(config.sandboxUrl),
			...(config.redis ? { faceIdRegistryRedis: { ...config.redis, database: 0, user: '', password: '', ssl: false } } : {}),
		},
		nodeTypes: NODE_TYPES,
		credentialTypes: CREDENTIAL_TYPES,
	});
	let stopping = false;
	process.once('SIGTERM', () => {
		stopping = true;
	});
	while (!stopping) {
		const data = await runner.tick();
		if (runner.errors.length) throw runner.errors[0];
		if (data) {
			const lines = data.flatMap((items, output) =>
				items.map((item) => {
					const verification = item.json.verification as IDataObject;
					const outcome = item.json.outcome as IDataObject;
					return `${JSON.stringify({
						pid: process.pid,
						token: item.json.CardVerificationToken,
						reference: item.json.reference,
						emission: verification.emission,
						output: OUTPUTS[output],
						code: outcome.code,
					})}\n`;
				}),
			);
			appendFileSync(config.out, lines.join(''));
		}
		await new Promise((resolve) => setTimeout(resolve, config.tickMs));
	}
	// A graceful stop lets the last deferred commit run (n8n keeps running while it shuts down).
	await new Promise((resolve) => setTimeout(resolve, config.commitDelaySeconds * 1000 + 200));
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
