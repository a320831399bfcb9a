/**
 * `npm run e2e`: this package inside a real n8n (2.40.7), installed the way users install it.
 *
 *   1. n8n into .cache/n8n on first use; Chromium and Redis from Debian's packages when missing.
 *   2. `npm pack` of the build (npm run e2e builds first).
 *   3. Regular mode: a fresh user folder with the tarball installed as a community package, the
 *      sandbox credential and every workflow in examples/ imported; each Manual Trigger example run
 *      with `n8n execute --id`; `n8n start` with the trigger examples activated; screenshots.
 *   4. Queue mode: Redis, a main instance and two workers; the examples run on the workers.
 *
 * Prints, per workflow, the items that left by each output of this package's nodes, and fails
 * when one left by another output than scripts/e2e/expected.json says.
 *
 * Flags: --no-queue, --no-screenshots (quicker local runs; CI runs everything).
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { ensureN8nInstalled } from '../n8n/install';
import { CACHE_DIR, N8N_VERSION } from '../n8n/paths';
import { stopAllServices, stopServicesOnSignals } from '../n8n/processes';
import { describeCardTiming, startToolingSandbox } from '../n8n/sandbox';
import { packPackage, readExamples } from '../n8n/userFolder';
import { startOf, type E2eContext } from './context';
import { readExpectations } from './outputs';
import { runQueueMode } from './queue';
import { runRegularMode } from './regular';
import { Report } from './report';
import { ensureSystemPackages } from './system';

/** Stays well inside CI's budget; a normal run takes a few minutes once n8n is installed. */
const TIME_LIMIT_MS = 40 * 60_000;

async function main(): Promise<boolean> {
	const { values } = parseArgs({
		options: {
			'no-queue': { type: 'boolean', default: false },
			'no-screenshots': { type: 'boolean', default: false },
		},
	});
	const withQueue = !values['no-queue'];
	const withScreenshots = !values['no-screenshots'];

	const report = new Report();
	report.section(`FaceID package e2e in n8n ${N8N_VERSION}`);
	await ensureN8nInstalled((line) => report.line(line));
	await ensureSystemPackages((line) => report.line(line));

	const workDir = path.join(CACHE_DIR, 'e2e');
	rmSync(workDir, { recursive: true, force: true });
	const tarball = await packPackage(workDir);
	report.line(`npm pack → ${path.relative(process.cwd(), tarball)}`);

	const sandbox = await startToolingSandbox();
	report.line(`sandbox ${sandbox.url} (the credential's custom endpoint); ${describeCardTiming()}`);
	const examples = readExamples();
	report.line(`${examples.length} example workflows: ${examples.map((example) => example.file).join(', ')}`);
	const ctx: E2eContext = { workDir, tarball, sandbox, examples, expectations: readExpectations(), report };
	for (const example of examples.filter((candidate) => !startOf(candidate))) {
		report.check(`examples/${example.file} starts somewhere`, ['it has neither a Manual Trigger nor a trigger node to activate']);
	}

	try {
		try {
			await runRegularMode(ctx, { screenshots: withScreenshots });
		} catch (error) {
			report.error('regular mode', error);
		}
		if (withQueue) {
			try {
				await runQueueMode(ctx);
			} catch (error) {
				report.error('queue mode', error);
			}
		}
	} finally {
		await stopAllServices();
		await sandbox.close();
	}
	report.summary();
	return report.ok;
}

stopServicesOnSignals();
const limit = setTimeout(() => {
	console.error(`\ne2e: still running after ${TIME_LIMIT_MS / 60_000} minutes; stopping`);
	stopAllServices().finally(() => process.exit(1));
}, TIME_LIMIT_MS);
limit.unref();

main().then(
	(ok) => process.exit(ok ? 0 : 1),
	(error: unknown) => {
		console.error(error);
		stopAllServices().finally(() => process.exit(1));
	},
);
