/**
 * Child processes for the dev and e2e tooling: one-shot commands with a time limit, and services
 * (n8n main/worker, redis) in their own process group, so stopping one also stops what it spawned
 * (n8n's task runner) and nothing else.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * This process's environment without the `npm_*` variables that `npm run` adds: a child npm would
 * read `npm_config_local_prefix` and install into the repository instead of its own folder.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (!key.toLowerCase().startsWith('npm_')) env[key] = value;
	}
	return { ...env, ...extra };
}

export interface CommandOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	timeoutMs?: number;
	/** Shown in errors; default the command line. */
	label?: string;
}

export interface CommandResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	timedOut: boolean;
}

/** Runs a command to its end (or its time limit) and returns what it printed. */
export function runCommand(command: string, args: string[], options: CommandOptions = {}): Promise<CommandResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env ?? cleanEnv(),
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		const stdout: Buffer[] = [];
		const stderr: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
		let timedOut = false;
		const timer = options.timeoutMs
			? setTimeout(() => {
					timedOut = true;
					killGroup(child, 'SIGKILL');
				}, options.timeoutMs)
			: undefined;
		child.once('error', (error) => {
			if (timer) clearTimeout(timer);
			reject(error);
		});
		child.once('close', (code, signal) => {
			if (timer) clearTimeout(timer);
			resolve({
				code,
				signal,
				stdout: Buffer.concat(stdout).toString('utf8'),
				stderr: Buffer.concat(stderr).toString('utf8'),
				timedOut,
			});
		});
	});
}

/** runCommand that throws, with the end of the output, unless the command exits 0. */
export async function runChecked(command: string, args: string[], options: CommandOptions = {}): Promise<CommandResult> {
	const result = await runCommand(command, args, options);
	if (result.code !== 0) {
		const label = options.label ?? [command, ...args].join(' ');
		const why = result.timedOut ? `timed out after ${options.timeoutMs} ms` : `exited with ${result.code ?? result.signal}`;
		throw new Error(`${label} ${why}\n${tail(result.stdout + result.stderr, 40)}`);
	}
	return result;
}

export function tail(text: string, lines: number): string {
	return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** A long-running process writing to its own log file. */
export class Service {
	readonly exited: Promise<number | null>;

	private stopped = false;

	constructor(
		readonly name: string,
		private readonly child: ChildProcess,
		readonly logFile: string,
	) {
		this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
		RUNNING.add(this);
		void this.exited.then(() => RUNNING.delete(this));
	}

	get pid(): number | undefined {
		return this.child.pid;
	}

	get hasExited(): boolean {
		return this.child.exitCode !== null || this.child.signalCode !== null;
	}

	logTail(lines = 30): string {
		try {
			return tail(readFileSync(this.logFile, 'utf8'), lines);
		} catch {
			return '(no log)';
		}
	}

	/** SIGTERM to the process group, SIGKILL if it is still there after the grace period. */
	async stop(graceMs = 20_000): Promise<void> {
		if (this.stopped) return;
		this.stopped = true;
		if (this.hasExited) return;
		killGroup(this.child, 'SIGTERM');
		const timer = setTimeout(() => killGroup(this.child, 'SIGKILL'), graceMs);
		await this.exited;
		clearTimeout(timer);
		// The runner n8n spawned may outlive the main process for a moment.
		killGroup(this.child, 'SIGKILL');
	}
}

const RUNNING = new Set<Service>();

export interface ServiceOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	logFile: string;
}

export function startService(name: string, command: string, args: string[], options: ServiceOptions): Service {
	mkdirSync(path.dirname(options.logFile), { recursive: true });
	const log = openSync(options.logFile, 'a');
	try {
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env ?? cleanEnv(),
			stdio: ['ignore', log, log],
			detached: true,
		});
		return new Service(name, child, options.logFile);
	} finally {
		closeSync(log);
	}
}

/** Stops every service still running, in reverse start order. */
export async function stopAllServices(): Promise<void> {
	for (const service of [...RUNNING].reverse()) await service.stop();
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// The group is already gone.
	}
}

function killAllNow(): void {
	for (const service of RUNNING) {
		if (service.pid === undefined) continue;
		try {
			process.kill(-service.pid, 'SIGKILL');
		} catch {
			// already gone
		}
	}
}

// A script that ends while services run (an exception, process.exit) must not leave them behind.
process.once('exit', killAllNow);

/** Ctrl-C or a SIGTERM (CI's time limit) stops the services gracefully, then ends the script. */
export function stopServicesOnSignals(): void {
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.once(signal, () => {
			console.error(`\n${signal}: stopping n8n and the other services…`);
			const exitCode = signal === 'SIGINT' ? 130 : 143;
			stopAllServices().then(
				() => process.exit(exitCode),
				() => process.exit(exitCode),
			);
			setTimeout(() => process.exit(exitCode), 30_000).unref();
		});
	}
}

export interface WaitOptions {
	timeoutMs: number;
	intervalMs?: number;
	/** Give up at once when this service exits. */
	service?: Service;
}

/** Polls `probe` until it returns a value other than undefined. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, options: WaitOptions): Promise<T> {
	const deadline = Date.now() + options.timeoutMs;
	let lastError: unknown;
	for (;;) {
		if (options.service?.hasExited) {
			throw new Error(`${options.service.name} exited while waiting for ${what}:\n${options.service.logTail()}`);
		}
		try {
			const value = await probe();
			if (value !== undefined) return value;
		} catch (error) {
			lastError = error;
		}
		if (Date.now() > deadline) {
			const reason = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
			const log = options.service ? `\n${options.service.logTail()}` : '';
			throw new Error(`timed out after ${options.timeoutMs} ms waiting for ${what}${reason}${log}`);
		}
		await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 500));
	}
}
