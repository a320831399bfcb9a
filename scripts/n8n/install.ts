/**
 * Installs n8n into .cache/n8n on first use (2.4 GB: kept out of the project's own `npm ci`).
 * `--ignore-scripts` because a Kafka native addon deep in n8n's tree cannot build offline; sqlite3,
 * the one native module n8n needs here, is then built on its own. A marker file makes the next call
 * instant; a half-finished install has no marker and is redone.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { N8N_BIN, N8N_INSTALL_DIR, N8N_VERSION } from './paths';
import { cleanEnv, runChecked } from './processes';

const MARKER = path.join(N8N_INSTALL_DIR, '.installed');
const INSTALL_TIMEOUT_MS = 20 * 60_000;

export function isN8nInstalled(): boolean {
	return existsSync(MARKER) && readFileSync(MARKER, 'utf8').trim() === N8N_VERSION && existsSync(N8N_BIN);
}

/** n8n's CLI, installed if needed. Runs on this process's Node (24, from the `node` devDependency). */
export async function ensureN8nInstalled(log: (line: string) => void = console.log): Promise<string> {
	if (isN8nInstalled()) return N8N_BIN;

	const started = Date.now();
	log(`Installing n8n@${N8N_VERSION} into ${path.relative(process.cwd(), N8N_INSTALL_DIR) || '.'} (first use only; about 4 minutes, 2.4 GB)…`);
	rmSync(N8N_INSTALL_DIR, { recursive: true, force: true });
	mkdirSync(N8N_INSTALL_DIR, { recursive: true });
	writeFileSync(
		path.join(N8N_INSTALL_DIR, 'package.json'),
		`${JSON.stringify({ name: 'n8n-runtime', private: true, description: 'n8n for npm run dev / e2e' }, null, 2)}\n`,
	);
	// npm and node-gyp must build sqlite3 for the Node that will load it: this one.
	const env = cleanEnv({ PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}` });
	const npmOptions = { cwd: N8N_INSTALL_DIR, env, timeoutMs: INSTALL_TIMEOUT_MS };
	await runChecked('npm', ['install', `n8n@${N8N_VERSION}`, '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], npmOptions);
	log(`  downloaded in ${seconds(started)}; building sqlite3…`);
	await runChecked('npm', ['rebuild', 'sqlite3', '--loglevel=error'], npmOptions);
	await runChecked(
		process.execPath,
		['-e', "new (require('sqlite3').Database)(':memory:').close()"],
		{ cwd: N8N_INSTALL_DIR, env, label: 'loading the sqlite3 native module', timeoutMs: 60_000 },
	);
	const version = (await runChecked(process.execPath, [N8N_BIN, '--version'], { env, timeoutMs: 120_000 })).stdout.trim();
	if (!version.includes(N8N_VERSION)) throw new Error(`n8n --version printed "${version}", expected ${N8N_VERSION}`);
	writeFileSync(MARKER, `${N8N_VERSION}\n`);
	log(`  n8n ${version} ready in ${seconds(started)}`);
	return N8N_BIN;
}

function seconds(since: number): string {
	return `${Math.round((Date.now() - since) / 1000)} s`;
}
