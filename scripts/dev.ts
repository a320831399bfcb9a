/**
 * `npm run dev`: a real n8n editor on http://127.0.0.1:5678 with this package installed (from a
 * fresh `npm pack`, as users install it), the sandbox running, a credential pointed at it and the
 * example workflows imported. Open the printed link, sign in, click Execute workflow.
 *
 * State lives in .n8n-dev/ (ignored by git): workflows you edit survive a restart; the package
 * and the credential are refreshed on every start. `--fresh` starts from an empty folder.
 * Flags: --port N (editor, default 5678), --sandbox-port N (default 8787), --fresh.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import type { Sandbox } from '../sandbox/server';
import { ensureN8nInstalled } from './n8n/install';
import { N8nInstance } from './n8n/instance';
import { CACHE_DIR, EXAMPLE_CREDENTIAL, REPO_ROOT } from './n8n/paths';
import { stopAllServices, stopServicesOnSignals } from './n8n/processes';
import { describeCardTiming, startToolingSandbox } from './n8n/sandbox';
import { N8nRest, SANDBOX_OWNER } from './n8n/rest';
import { importCredentials, importWorkflows, installCommunityPackage, packPackage, readExamples, sandboxCredential } from './n8n/userFolder';

const DEV_FOLDER = path.join(REPO_ROOT, '.n8n-dev');

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			port: { type: 'string', default: process.env.N8N_PORT ?? '5678' },
			'sandbox-port': { type: 'string', default: '8787' },
			fresh: { type: 'boolean', default: false },
		},
	});
	const port = Number(values.port);
	await ensureN8nInstalled();
	if (values.fresh) rmSync(DEV_FOLDER, { recursive: true, force: true });

	const sandbox = await startSandboxOn(Number(values['sandbox-port']));
	console.log(`Sandbox (Tencent FaceID stand-in) on ${sandbox.url}; ${describeCardTiming()}`);

	// A local editor for the sandbox only: a fixed key keeps the imported credential readable across runs.
	const instance = new N8nInstance({ userFolder: DEV_FOLDER, port, encryptionKey: 'n8n-dev-faceid-sandbox' });
	const tarball = await packPackage(path.join(CACHE_DIR, 'dev'));
	await installCommunityPackage(instance, tarball);
	console.log(`Installed ${path.basename(tarball)} into ${path.relative(process.cwd(), instance.dataDir)}/nodes`);
	await importCredentials(instance, [sandboxCredential(sandbox.url)], DEV_FOLDER);

	const examples = readExamples();
	const known = await existingWorkflowIds(instance);
	const missing = examples.filter((example) => !known.has(example.id));
	if (missing.length) await importWorkflows(instance, missing, DEV_FOLDER);
	console.log(`Credential "${EXAMPLE_CREDENTIAL.name}" → sandbox; ${missing.length} of ${examples.length} example workflows imported (the others were already there)`);

	console.log(`Starting n8n on ${instance.url} (log: ${path.relative(process.cwd(), path.join(DEV_FOLDER, 'n8n.log'))})…`);
	const main = await instance.start('start', 'n8n', path.join(DEV_FOLDER, 'n8n.log'));
	await instance.waitUntilReady(main);
	await new N8nRest(instance.url).signIn(SANDBOX_OWNER);

	console.log(`\nn8n is ready: ${instance.url}`);
	console.log(`Sign in with ${SANDBOX_OWNER.email} / ${SANDBOX_OWNER.password} (a local account of this dev instance).`);
	console.log('Example workflows (open one, click "Execute workflow"):');
	for (const example of examples) console.log(`  ${instance.url}/workflow/${example.id}   ${example.name}`);
	console.log('Test identities and what they return: sandbox/README.md. Ctrl-C stops n8n and the sandbox.');

	const code = await main.exited;
	await sandbox.close();
	throw new Error(`n8n exited (${code}); see ${path.join(DEV_FOLDER, 'n8n.log')}:\n${main.logTail()}`);
}

async function startSandboxOn(port: number): Promise<Sandbox> {
	try {
		return await startToolingSandbox(port);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
		console.log(`Port ${port} is taken; the sandbox takes a free one.`);
		return await startToolingSandbox(0);
	}
}

/** `n8n list:workflow --onlyId` prints one id per line. */
async function existingWorkflowIds(instance: N8nInstance): Promise<Set<string>> {
	const logFile = path.join(DEV_FOLDER, 'list-workflows.log');
	rmSync(logFile, { force: true });
	await instance.cli(['list:workflow', '--onlyId'], { env: { N8N_LOG_OUTPUT: 'file', N8N_LOG_FILE_LOCATION: logFile } });
	const ids = new Set<string>();
	for (const line of readFileSync(logFile, 'utf8').split('\n')) {
		try {
			const message = (JSON.parse(line) as { message?: string }).message ?? '';
			if (/^[A-Za-z0-9]{1,21}$/.test(message)) ids.add(message);
		} catch {
			// not a log line
		}
	}
	return ids;
}

stopServicesOnSignals();
main().catch(async (error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	await stopAllServices();
	process.exit(1);
});
