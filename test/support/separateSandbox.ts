/**
 * The sandbox in a process of its own (the benchmark's bench/sandboxProcess.ts), for tests that
 * count arrivals in time: in the test's own process the sandbox would read requests only when the
 * client's event loop lets it, and count them late and bunched.
 */
import { startChild } from '../../bench/children';
import type { SandboxStats } from '../../bench/sandboxProcess';
import type { SandboxOptions } from '../../sandbox/server';

export interface SeparateSandbox {
	url: string;
	/** The request log's summary, from `since` (ms since the epoch) on. */
	stats(since?: number): Promise<SandboxStats>;
	close(): Promise<void>;
}

export async function startSeparateSandbox(options: SandboxOptions): Promise<SeparateSandbox> {
	const child = startChild('sandboxProcess.ts');
	try {
		const { url } = await child.ask<{ url: string }>({ start: options }, 30_000);
		return {
			url,
			stats: (since) => child.ask<SandboxStats>({ stats: true, since }, 30_000),
			close: () => child.stop(),
		};
	} catch (error) {
		await child.stop();
		throw error;
	}
}
