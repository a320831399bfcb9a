/**
 * Debian packages the e2e needs beyond npm: Chromium for the screenshots (and a small CJK font, so
 * the Chinese test names render as text), and Redis for queue mode. Installed on first use when
 * running as root (CI on a fresh machine, no standard input).
 */
import { existsSync } from 'node:fs';

import { cleanEnv, runChecked } from '../n8n/processes';

export const CHROMIUM = '/usr/bin/chromium';
export const REDIS_SERVER = '/usr/bin/redis-server';

/** Debian package → a file it installs. */
const PACKAGES: Record<string, string> = {
	chromium: CHROMIUM,
	'fonts-wqy-microhei': '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
	'redis-server': REDIS_SERVER,
};

export async function ensureSystemPackages(log: (line: string) => void): Promise<void> {
	const missing = Object.entries(PACKAGES)
		.filter(([, binary]) => !existsSync(binary))
		.map(([name]) => name);
	if (missing.length === 0) return;
	if (process.getuid?.() !== 0) {
		throw new Error(`the e2e needs ${missing.join(' and ')}: sudo apt-get install -y ${missing.join(' ')}`);
	}
	log(`Installing ${missing.join(', ')} from Debian's packages…`);
	const env = cleanEnv({ DEBIAN_FRONTEND: 'noninteractive' });
	await runChecked('apt-get', ['update', '-qq'], { env, timeoutMs: 300_000 });
	await runChecked('apt-get', ['install', '-y', '-qq', ...missing], { env, timeoutMs: 900_000 });
	for (const name of missing) {
		if (!existsSync(PACKAGES[name])) throw new Error(`apt-get installed ${name} but ${PACKAGES[name]} is missing`);
	}
}
