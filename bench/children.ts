/**
 * Child processes of the benchmark: the sandbox and each measured phase run in processes of their
 * own, so one phase's CPU and memory never include the sandbox's or another phase's. They are
 * TypeScript files started through tsx, talking over Node's IPC channel.
 */
import { fork, type ChildProcess } from 'child_process';
import path from 'path';

export interface Child {
	/** Sends a message and resolves with the child's next message. */
	ask<T>(message: unknown, timeoutMs: number): Promise<T>;
	stop(): Promise<void>;
}

export function startChild(file: string, execArgv: string[] = [], env?: NodeJS.ProcessEnv): Child {
	const child: ChildProcess = fork(path.join(__dirname, file), [], {
		execArgv: ['--import', 'tsx', ...execArgv],
		env: env ? { ...process.env, ...env } : process.env,
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	let exited = false;
	child.once('exit', () => {
		exited = true;
	});
	return {
		ask<T>(message: unknown, timeoutMs: number): Promise<T> {
			return new Promise<T>((resolve, reject) => {
				const timer = setTimeout(() => {
					cleanup();
					reject(new Error(`${file} did not answer within ${Math.round(timeoutMs / 1000)} s`));
				}, timeoutMs);
				const onMessage = (answer: unknown) => {
					cleanup();
					const failure = (answer as { error?: string }).error;
					if (failure) reject(new Error(`${file}: ${failure}`));
					else resolve(answer as T);
				};
				const onExit = (code: number | null) => {
					cleanup();
					reject(new Error(`${file} exited (code ${code}) before answering`));
				};
				const cleanup = () => {
					clearTimeout(timer);
					child.off('message', onMessage);
					child.off('exit', onExit);
				};
				child.on('message', onMessage);
				child.once('exit', onExit);
				child.send(message as object);
			});
		},
		stop(): Promise<void> {
			if (exited) return Promise.resolve();
			return new Promise((resolve) => {
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			});
		},
	};
}

/** Answers the parent's messages with `handle`; errors go back as `{ error }`. */
export function serveParent(handle: (message: Record<string, unknown>) => Promise<unknown>): void {
	process.on('message', (message: Record<string, unknown>) => {
		handle(message).then(
			(answer) => process.send?.(answer ?? {}),
			(error: unknown) => process.send?.({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
		);
	});
	// Without the parent there is nothing to measure for; a normal exit also writes --cpu-prof profiles.
	process.on('disconnect', () => process.exit(0));
	process.on('SIGTERM', () => process.exit(0));
}
