/**
 * Installs an n8n release into .cache/n8n-<version> on first use (2.4 GB each: kept out of the
 * project's own `npm ci`). `--ignore-scripts` because a Kafka native addon deep in n8n's tree cannot
 * build offline; sqlite3, the one native module n8n needs here, is then built on its own. A marker
 * file makes the next call instant; a half-finished install has no marker and is redone.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { LEGACY_N8N_INSTALL_DIR, N8N_BIN_IN_FOLDER, N8N_VERSION, n8nRelease, type N8nRelease } from './paths';
import { cleanEnv, runChecked } from './processes';

const MARKER = '.installed';
const INSTALL_TIMEOUT_MS = 20 * 60_000;

function isInstalledIn(dir: string, release: N8nRelease): boolean {
	const marker = path.join(dir, MARKER);
	return existsSync(marker) && readFileSync(marker, 'utf8').trim() === release.version && existsSync(path.join(dir, N8N_BIN_IN_FOLDER));
}

export function isN8nInstalled(version: string = N8N_VERSION): boolean {
	const release = n8nRelease(version);
	return isInstalledIn(release.dir, release);
}

/**
 * An n8n release, installed if needed; resolves to where it is. Its CLI runs on this process's
 * Node (24, from the `node` devDependency).
 */
export async function ensureN8nInstalled(log: (line: string) => void = console.log, version: string = N8N_VERSION): Promise<N8nRelease> {
	const release = n8nRelease(version);
	const { dir } = release;
	const shown = path.relative(process.cwd(), dir) || '.';
	if (isInstalledIn(dir, release)) return release;
	// A checkout from before the per-release folders: its one install is reused, not downloaded again.
	if (!existsSync(dir) && isInstalledIn(LEGACY_N8N_INSTALL_DIR, release)) {
		renameSync(LEGACY_N8N_INSTALL_DIR, dir);
		log(`n8n ${version}: moved the earlier install from ${path.relative(process.cwd(), LEGACY_N8N_INSTALL_DIR)} to ${shown}`);
		return release;
	}

	const started = Date.now();
	log(`Installing n8n@${version} into ${shown} (first use only; about 4 minutes, 2.4 GB)…`);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	writeFileSync(
		path.join(dir, 'package.json'),
		`${JSON.stringify({ name: 'n8n-runtime', private: true, description: `n8n ${version} for npm run dev / e2e` }, null, 2)}\n`,
	);
	// npm and node-gyp must build sqlite3 for the Node that will load it: this one.
	const env = cleanEnv({ PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}` });
	const npmOptions = { cwd: dir, env, timeoutMs: INSTALL_TIMEOUT_MS };
	await runChecked('npm', ['install', `n8n@${version}`, '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], npmOptions);
	log(`  downloaded in ${seconds(started)}; building sqlite3…`);
	await runChecked('npm', ['rebuild', 'sqlite3', '--loglevel=error'], npmOptions);
	await runChecked(
		process.execPath,
		['-e', "new (require('sqlite3').Database)(':memory:').close()"],
		{ cwd: dir, env, label: 'loading the sqlite3 native module', timeoutMs: 60_000 },
	);
	const printed = (await runChecked(process.execPath, [release.bin, '--version'], { env, timeoutMs: 120_000 })).stdout.trim();
	if (!printed.includes(version)) throw new Error(`n8n --version printed "${printed}", expected ${version}`);
	writeFileSync(path.join(dir, MARKER), `${version}\n`);
	log(`  n8n ${printed} ready in ${seconds(started)}`);
	return release;
}

function seconds(since: number): string {
	return `${Math.round((Date.now() - since) / 1000)} s`;
}
