/**
 * `npm run e2e`: this package inside real n8n, installed the way users install it, on each n8n
 * release it is tested with (scripts/n8n/paths.ts: the oldest supported, 2.40.7, and the newest
 * that installs, 2.41.1).
 *
 *   1. Chromium and Redis from Debian's packages when missing; `npm pack` of the build (npm run e2e
 *      builds first).
 *   2. Per release, oldest first: that n8n into .cache/n8n-<version> on first use, then regular
 *      mode: a fresh user folder with the tarball installed as a community package, the sandbox
 *      credential and every workflow in examples/ imported; each Manual Trigger example run with
 *      `n8n execute --id`; `n8n start` with the trigger examples activated. The README's
 *      screenshots are taken from the oldest release only, so they change only when it does.
 *   3. Queue mode, on the newest release: Redis, a main instance and two workers; the examples run
 *      on the workers.
 *
 * Prints, per workflow, the items that left by each output of this package's nodes, and fails
 * when one left by another output than scripts/e2e/expected.json says.
 *
 * Flags: --no-queue, --no-screenshots (quicker local runs; CI runs everything).
 * E2E_N8N_VERSIONS="2.41.1" (comma- or space-separated) tests other releases than the default ones.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { ensureN8nInstalled, isN8nInstalled } from '../n8n/install';
import { CACHE_DIR, N8N_VERSIONS_TESTED } from '../n8n/paths';
import { stopAllServices, stopServicesOnSignals } from '../n8n/processes';
import { describeCardTiming, startToolingSandbox } from '../n8n/sandbox';
import { packPackage, readExamples } from '../n8n/userFolder';
import { startOf, type E2eContext } from './context';
import { readExpectations } from './outputs';
import { runQueueMode } from './queue';
import { runRegularMode } from './regular';
import { Report } from './report';
import { ensureSystemPackages } from './system';

/**
 * Per release, its install on first use included; CI's budget holds two. A release takes a few
 * minutes once installed (regular mode about 4, queue mode about 4 more).
 */
const TIME_LIMIT_PER_RELEASE_MS = 25 * 60_000;

/** The releases to test, oldest first: E2E_N8N_VERSIONS when set, else the default ones. */
function selectedVersions(): string[] {
	const listed = (process.env.E2E_N8N_VERSIONS ?? '').split(/[\s,]+/).filter(Boolean);
	const versions = listed.length ? listed : [...N8N_VERSIONS_TESTED];
	const bad = versions.filter((version) => !/^\d+\.\d+\.\d+$/.test(version));
	if (bad.length) throw new Error(`E2E_N8N_VERSIONS: ${bad.join(', ')} is not an n8n version like ${N8N_VERSIONS_TESTED.at(-1)}`);
	return [...new Set(versions)].sort(compareVersions);
}

function compareVersions(a: string, b: string): number {
	const [x, y] = [a, b].map((version) => version.split('.').map(Number));
	return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

async function main(versions: string[]): Promise<boolean> {
	const { values } = parseArgs({
		options: {
			'no-queue': { type: 'boolean', default: false },
			'no-screenshots': { type: 'boolean', default: false },
		},
	});
	const queueOn = values['no-queue'] ? undefined : versions.at(-1);
	const screenshotsFrom = values['no-screenshots'] ? undefined : versions[0];

	const report = new Report();
	report.section(`FaceID package e2e in n8n ${versions.join(' and ')}`);
	report.line(
		`regular mode on ${versions.length > 1 ? 'each' : versions[0]}` +
			`${queueOn ? `; queue mode on ${queueOn}` : ''}${screenshotsFrom ? `; screenshots from ${screenshotsFrom}` : ''}`,
	);
	await ensureSystemPackages((line) => report.line(line));

	const workDir = path.join(CACHE_DIR, 'e2e');
	rmSync(workDir, { recursive: true, force: true });
	const tarball = await packPackage(workDir);
	report.line(`npm pack → ${path.relative(process.cwd(), tarball)}`);

	const sandbox = await startToolingSandbox();
	report.line(`sandbox ${sandbox.url} (the credential's custom endpoint); ${describeCardTiming()}`);
	const examples = readExamples();
	report.line(`${examples.length} example workflows: ${examples.map((example) => example.file).join(', ')}`);
	const shared = { tarball, sandbox, examples, expectations: readExpectations(), report };
	for (const example of examples.filter((candidate) => !startOf(candidate))) {
		report.check(`examples/${example.file} starts somewhere`, ['it has neither a Manual Trigger nor a trigger node to activate']);
	}

	try {
		for (const version of versions) {
			report.startRun(`n8n ${version}`);
			report.section(`n8n ${version}`);
			let ctx: E2eContext;
			try {
				const installed = isN8nInstalled(version);
				const release = await ensureN8nInstalled((line) => report.line(line), version);
				if (installed) report.line(`installed in ${path.relative(process.cwd(), release.dir)}`);
				ctx = { ...shared, release, workDir: path.join(workDir, `n8n-${version}`) };
			} catch (error) {
				report.error('install', error);
				continue;
			}
			try {
				await runRegularMode(ctx, { screenshots: version === screenshotsFrom });
			} catch (error) {
				report.error('regular mode', error);
			}
			if (version === queueOn) {
				try {
					await runQueueMode(ctx);
				} catch (error) {
					report.error('queue mode', error);
				}
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
let versions: string[];
try {
	versions = selectedVersions();
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
	process.exit(2);
}
const timeLimitMs = TIME_LIMIT_PER_RELEASE_MS * versions.length;
const limit = setTimeout(() => {
	console.error(`\ne2e: still running after ${timeLimitMs / 60_000} minutes; stopping`);
	stopAllServices().finally(() => process.exit(1));
}, timeLimitMs);
limit.unref();

main(versions).then(
	(ok) => process.exit(ok ? 0 : 1),
	(error: unknown) => {
		console.error(error);
		stopAllServices().finally(() => process.exit(1));
	},
);
