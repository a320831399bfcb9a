/**
 * One "worker": runs `batches` executions of a workflow whose FaceID node applies documents through
 * n8n's engine (Wait for Result off, tokens handed to the registry), `count` in all, then writes the
 * tokens it got to `out`.
 * Started by killRestart.test.ts: `node --import tsx applyProcess.ts '<json config>'`.
 */
import { writeFileSync } from 'node:fs';

import { closeAllRegistries } from '../../../lib/tencent/pendingVerifications/registry';
import { testPng } from '../../../sandbox/actions/testImages';
import { runFaceIdItems } from '../../support/documentCheckWorkflows';
import { registryParameters, scenarioFor, type ProcessConfig } from './config';

async function main(): Promise<void> {
	const config = JSON.parse(process.argv[2]) as ProcessConfig & { prefix: string; count: number; batches: number; pauseMs: number; out: string };
	// Several executions with pauses in between, so registrations go on while the trigger polls.
	const applied: Array<{ token: unknown; reference: unknown; delivery: unknown }> = [];
	const perBatch = Math.ceil(config.count / config.batches);
	for (let start = 0; start < config.count; start += perBatch) {
		if (start > 0) await new Promise((resolve) => setTimeout(resolve, config.pauseMs));
		const items = Array.from({ length: Math.min(perBatch, config.count - start) }, (_, offset) => ({
			crmId: `${config.prefix}-${start + offset}`,
			image: testPng({ result: scenarioFor(start + offset) }).toString('base64'),
		}));
		const { result, outputs } = await runFaceIdItems(
			config.sandboxUrl,
			{
				operation: 'applyCardVerification',
				apiGeneration: 'faceid',
				cardRegion: 'ap-singapore',
				nationality: 'IDN',
				cardType: 'ID_CARD',
				documentFrontSource: 'base64',
				documentFrontBase64: '={{ $json.image }}',
				reference: '={{ $json.crmId }}',
				waitForResult: false,
				...registryParameters(config),
			},
			items,
			{ redis: config.redis },
		);
		if (result.error) throw new Error(`the Apply workflow failed: ${result.error.message}`);
		for (const item of outputs.flat()) {
			applied.push({
				token: item.json.CardVerificationToken,
				reference: item.json.reference,
				delivery: (item.json.verification as { delivery?: string }).delivery,
			});
		}
	}
	writeFileSync(config.out, JSON.stringify(applied));
	await closeAllRegistries();
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
