/**
 * The sandbox in a process of its own, on 127.0.0.1 only (the benchmark's, and the tests' whose
 * timing must not depend on the client's event loop). Messages: `{ start: SandboxOptions }` →
 * `{ url }`; `{ stats: true, since? }` → a summary of its request log from `since` (ms, its clock)
 * on (never the requests themselves).
 */
import { summariseBilling, unbilledLostAnswers } from '../sandbox/billing';
import { mostInAnySpan } from '../sandbox/rateLimiter';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/server';
import { serveParent } from './children';

export interface SandboxStats {
	requests: number;
	/** Answers by code (Result, Error.Code, or the injected fault's code). */
	codes: Record<string, number>;
	/** Injected faults by kind. */
	faults: Record<string, number>;
	/** RequestLimitExceeded the sandbox's own rate limit gave (not injected). */
	throttled: number;
	billable: number;
	repeatedBillable: number;
	/** Lost answers that were refusals (not billed), of checks billed on another attempt. */
	unbilledLostAnswers: number;
	/** Most arrivals in any one-second span. */
	busiestSecond: number;
	/** Sandbox clock (ms) of the first and last arrival. */
	firstArrival?: number;
	lastArrival?: number;
}

let sandbox: Sandbox | undefined;

serveParent(async (message) => {
	if (message.start) {
		// Only loopback: the benchmark never talks to anything else.
		sandbox = await startSandbox({ ...(message.start as SandboxOptions), host: '127.0.0.1', port: 0 });
		return { url: sandbox.url };
	}
	if (message.stats && sandbox) {
		const since = typeof message.since === 'number' ? message.since : -Infinity;
		const records = sandbox.requests.filter((record) => record.time >= since);
		const stats: SandboxStats = {
			requests: records.length,
			codes: {},
			faults: {},
			throttled: 0,
			...summariseBilling(records),
			unbilledLostAnswers: unbilledLostAnswers(records),
			busiestSecond: mostInAnySpan(records.map((record) => record.time)),
			firstArrival: records.length ? Math.min(...records.map((record) => record.time)) : undefined,
			lastArrival: records.length ? Math.max(...records.map((record) => record.time)) : undefined,
		};
		for (const record of records) {
			stats.codes[record.code] = (stats.codes[record.code] ?? 0) + 1;
			if (record.fault) stats.faults[record.fault] = (stats.faults[record.fault] ?? 0) + 1;
			else if (record.code === 'RequestLimitExceeded') stats.throttled++;
		}
		return stats;
	}
	throw new Error(`unknown message ${JSON.stringify(message)}`);
});
