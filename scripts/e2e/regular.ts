/**
 * n8n in its default (regular) mode, with the package installed as a community package: every
 * example with a Manual Trigger through `n8n execute --id`, then `n8n start` with the trigger
 * examples activated, and the README's screenshots taken from that running editor.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { N8nInstance, freePort } from '../n8n/instance';
import { N8nRest, type RunExecutionData } from '../n8n/rest';
import { freshUserFolder, importCredentials, importWorkflows, sandboxCredential, type ExampleWorkflow } from '../n8n/userFolder';
import { checkExample, startOf, type E2eContext } from './context';
import { needsActiveReturnTrigger, visitLinks } from './customers';
import { checkPackageLoaded } from './packageLoaded';
import { takeScreenshots } from './screenshots';
import { checkTriggerWorkflows, publishTriggerWorkflows } from './trigger';

/** The example the README's screenshots show. */
const SCREENSHOT_EXAMPLE = 'kyc-id-check.json';

export interface RegularModeOptions {
	screenshots: boolean;
}

export async function runRegularMode(ctx: E2eContext, options: RegularModeOptions): Promise<void> {
	const { report } = ctx;
	report.section(`n8n ${ctx.release.version} · Regular mode: the package installed from its npm tarball into a fresh n8n user folder`);
	report.ranMode('regular');
	const folder = path.join(ctx.workDir, 'regular');
	const instance = new N8nInstance({ userFolder: folder, port: await freePort(), encryptionKey: 'e2e-regular-mode-key', release: ctx.release });
	await freshUserFolder(instance, ctx.tarball);
	await importCredentials(instance, [sandboxCredential(ctx.sandbox.url)], folder);
	await importWorkflows(instance, ctx.examples, folder);
	report.line(`user folder ${path.relative(process.cwd(), folder)}: package, credential "faceidSandbox01", ${ctx.examples.length} workflows imported`);

	// A workflow whose links return to the FaceID Return Trigger runs once that trigger is active (below).
	for (const example of ctx.examples.filter((candidate) => startOf(candidate)?.kind === 'manual' && !needsActiveReturnTrigger(candidate))) {
		await checkExample(ctx, example, 'regular', async () => ({
			data: await executeWithCli(instance, example, path.join(folder, 'logs')),
			how: `n8n execute --id=${example.id}`,
		}));
	}

	const triggers = await publishTriggerWorkflows(instance, ctx);
	report.line(`▶ n8n start (editor and activated triggers) on ${instance.url}`);
	const main = await instance.start('start', 'n8n main', path.join(folder, 'logs', 'main.log'));
	try {
		await instance.waitUntilReady(main);
		const rest = new N8nRest(instance.url, ctx.release);
		await rest.signIn();
		await checkPackageLoaded(ctx, instance.url, rest);
		await sendLinks(ctx, rest, instance.url, options.screenshots);
		await checkTriggerWorkflows(ctx, { rest, triggers, mode: 'regular' });
		if (options.screenshots) await screenshots(ctx, instance, rest);
	} finally {
		await main.stop();
	}
}

/** The link examples, run as the editor's Execute runs them; then their test customers use the links. */
async function sendLinks(ctx: E2eContext, rest: N8nRest, n8nUrl: string, screenshot: boolean): Promise<void> {
	for (const example of ctx.examples.filter(needsActiveReturnTrigger)) {
		const start = startOf(example);
		if (start?.kind !== 'manual') continue;
		let data: RunExecutionData | undefined;
		await checkExample(ctx, example, 'regular', async () => {
			const executionId = await rest.runManually(example.id, start.node.name);
			data = await rest.finished(executionId);
			return { data, how: `editor Execute → execution ${executionId} (after n8n start: its links return to the active FaceID Return Trigger)` };
		});
		if (data) await visitLinks(ctx, example, data, { mode: 'regular', n8nUrl, screenshot });
	}
}

/** `n8n execute --id=…` and the run data it logs (the log goes to a file so nothing else mixes in). */
async function executeWithCli(instance: N8nInstance, example: ExampleWorkflow, logDir: string): Promise<RunExecutionData> {
	const logFile = path.join(logDir, `execute-${example.file.replace(/\.json$/, '')}.log`);
	const result = await instance.cliResult(['execute', `--id=${example.id}`, '--rawOutput'], {
		env: { N8N_LOG_OUTPUT: 'file', N8N_LOG_FILE_LOCATION: logFile, N8N_LOG_FILE_COUNT_MAX: '1' },
	});
	let log = '';
	try {
		log = readFileSync(logFile, 'utf8');
	} catch {
		// reported below
	}
	for (const line of log.split('\n')) {
		const run = parseRunLine(line);
		if (run) return run;
	}
	const why = result.timedOut ? 'timed out' : `exited with ${result.code}`;
	throw new Error(`n8n execute ${why} without printing run data; see ${logFile}\n${(result.stdout + result.stderr).slice(-2000)}`);
}

/** A log line whose message is the IRun `execute` prints (as JSON). */
function parseRunLine(line: string): RunExecutionData | undefined {
	if (!line.includes('resultData')) return undefined;
	try {
		const entry = JSON.parse(line) as { message?: string };
		const run = JSON.parse(entry.message ?? '') as { data?: RunExecutionData };
		return run.data?.resultData ? run.data : undefined;
	} catch {
		return undefined;
	}
}

async function screenshots(ctx: E2eContext, instance: N8nInstance, rest: N8nRest): Promise<void> {
	const { report } = ctx;
	// The picture of a routed run: the name-and-ID example, else any Manual Trigger example with a routed FaceID node.
	const candidates = ctx.examples.filter((candidate) => startOf(candidate)?.kind === 'manual' && routedFaceIdNode(candidate));
	const example = candidates.find((candidate) => candidate.file === SCREENSHOT_EXAMPLE) ?? candidates[0];
	if (!example) {
		report.check('screenshots', ['no example has a Manual Trigger and a FaceID node routed by outcome']);
		return;
	}
	report.line(`▶ screenshots in headless Chromium: ${example.file}`);
	try {
		const shots = await takeScreenshots({
			baseUrl: instance.url,
			rest,
			workflowId: example.id,
			faceIdNode: routedFaceIdNode(example) ?? '',
		});
		for (const shot of shots) report.line(`${shot.file}: ${shot.shows}`, 2);
		report.check('screenshots: routed run, operation list and credential form', [], 2);
	} catch (error) {
		report.error('screenshots', error);
	}
}

function routedFaceIdNode(example: ExampleWorkflow): string | undefined {
	return example.json.nodes.find(
		(node) => node.type.endsWith('.faceId') && node.parameters?.routeByOutcome !== false && (example.json.connections[node.name]?.main?.length ?? 0) >= 3,
	)?.name;
}
