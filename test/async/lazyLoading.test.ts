/**
 * The Redis client is the package's only runtime dependency and is loaded only when the Redis
 * registry is used: loading both nodes and working with the embedded registry never loads it.
 * Checked in a fresh Node process (jest keeps its own module registry).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function run(script: string): { loaded: boolean } {
	const result = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, encoding: 'utf8' });
	if (result.status !== 0) throw new Error(result.stderr);
	return JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as { loaded: boolean };
}

const LOADED = "Object.keys(require.cache).some((file) => file.includes('/node_modules/ioredis/'))";

test('ioredis is not loaded by the nodes, nor by the embedded registry; the Redis registry loads it', () => {
	const folder = mkdtempSync(join(tmpdir(), 'faceid-lazy-'));
	try {
		expect(
			run(`
				require('./nodes/FaceId/FaceId.node.ts');
				require('./nodes/FaceIdTrigger/FaceIdTrigger.node.ts');
				const { openRegistry, closeAllRegistries } = require('./lib/tencent/pendingVerifications/registry');
				(async () => {
					const registry = await openRegistry({ store: 'embedded', file: ${JSON.stringify(join(folder, 'r.sqlite'))}, queue: 'q' });
					await registry.stats();
					await registry.close();
					await closeAllRegistries();
					console.log(JSON.stringify({ loaded: ${LOADED} }));
				})();
			`),
		).toEqual({ loaded: false });
		expect(
			run(`
				const { connectRedis } = require('./lib/tencent/pendingVerifications/registry/redisStore');
				connectRedis({ host: '127.0.0.1', port: 1 }).catch(() => console.log(JSON.stringify({ loaded: ${LOADED} })));
			`),
		).toEqual({ loaded: true });
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
});
