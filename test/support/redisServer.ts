/**
 * A real redis-server for the Redis registry tests: Debian's package, started on a free loopback
 * port with persistence off, stopped by the test. When redis-server is missing it is installed with
 * apt-get if this runs as root (CI on a fresh Debian machine); otherwise the test fails and says so.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface RedisServer {
	host: string;
	port: number;
	stop(): Promise<void>;
}

function hasRedisServer(): boolean {
	return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Installs Debian's redis-server when missing and allowed; throws with instructions otherwise. */
export function ensureRedisServer(): void {
	if (hasRedisServer()) return;
	if (process.getuid?.() !== 0) {
		throw new Error(
			'redis-server is not installed, and the Redis registry tests need a real one: run `sudo apt-get install -y redis-server` (CI installs it in .ci/run).',
		);
	}
	for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'redis-server']]) {
		const result = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
		if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${result.status}): cannot install redis-server`);
	}
	if (!hasRedisServer()) throw new Error('apt-get installed redis-server, but it still cannot be run');
}

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

export async function startRedisServer(): Promise<RedisServer> {
	ensureRedisServer();
	const port = await freePort();
	const child: ChildProcess = spawn(
		'redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--protected-mode', 'yes'],
		{ stdio: ['ignore', 'pipe', 'pipe'] },
	);
	let output = '';
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`redis-server did not start within 10 s:\n${output}`)), 10_000);
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes('Ready to accept connections')) {
				clearTimeout(timer);
				resolve();
			}
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', onData);
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`redis-server exited with ${code} before it was ready:\n${output}`));
		});
	});
	child.stdout?.removeAllListeners('data');
	child.stderr?.removeAllListeners('data');
	child.stdout?.resume();
	child.stderr?.resume();
	return {
		host: '127.0.0.1',
		port,
		stop: () =>
			new Promise<void>((resolve) => {
				if (child.exitCode !== null) return resolve();
				child.removeAllListeners('exit');
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			}),
	};
}
