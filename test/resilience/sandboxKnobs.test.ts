/**
 * The sandbox's resilience knobs: latency, seeded fault injection with a mix, a skewed clock, and
 * a log that shows a check billed twice without keeping request bodies.
 */
import { summariseBilling, unbilledLostAnswers } from '../../sandbox/billing';
import { createFaultInjector, FAULT_KINDS, parseFaultMix, type FaultKind } from '../../sandbox/faults';
import { idCardVerificationResult } from '../../sandbox/identities';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { workloadIdentities } from '../../sandbox/workload';
import { callSigned, errorCode, sendRaw, signedHeaders } from '../sandbox/helpers';

const MATCH = JSON.stringify({ Name: 'Wei Xiaobao', IdCard: '110101199003070011' });
const NO_RECORD = JSON.stringify({ Name: '周七', IdCard: '320106199305120062' });
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Sends one signed request and says what came back: a code, an HTTP status, or a socket error. */
async function outcomeOf(sandbox: Sandbox, body = MATCH): Promise<string> {
	try {
		const raw = await sendRaw(sandbox.url, { method: 'POST', headers: signedHeaders(sandbox.url, { timestamp: nowSeconds(), body }), body });
		if (raw.status !== 200) return `HTTP${raw.status}`;
		const envelope = JSON.parse(raw.text) as { Response: { Error?: { Code: string }; Result?: string } };
		return envelope.Response.Error?.Code ?? envelope.Response.Result ?? '?';
	} catch (error) {
		return (error as NodeJS.ErrnoException).code ?? String(error);
	}
}

describe('fault injector', () => {
	test('the same seed gives the same sequence; another seed another one', () => {
		const sequence = (seed: number) => {
			const inject = createFaultInjector({ rate: 0.3, seed });
			return Array.from({ length: 200 }, () => inject() ?? '-');
		};
		expect(sequence(7)).toEqual(sequence(7));
		expect(sequence(7)).not.toEqual(sequence(8));
	});

	test('the rate and the mix are honoured', () => {
		const inject = createFaultInjector({ rate: 0.1, seed: 3, mix: { http502: 1, reset: 3 } });
		const counts: Partial<Record<FaultKind | 'none', number>> = {};
		for (let i = 0; i < 20_000; i++) {
			const kind = inject() ?? 'none';
			counts[kind] = (counts[kind] ?? 0) + 1;
		}
		const faults = 20_000 - (counts.none ?? 0);
		expect(faults / 20_000).toBeGreaterThan(0.09);
		expect(faults / 20_000).toBeLessThan(0.11);
		expect(Object.keys(counts).sort()).toEqual(['http502', 'none', 'reset']);
		expect(counts.reset! / faults).toBeGreaterThan(0.7);
		expect(counts.reset! / faults).toBeLessThan(0.8);
	});

	test('bad settings are refused with the setting named', () => {
		expect(() => createFaultInjector({ rate: 2 })).toThrow(/faultRate/);
		expect(() => createFaultInjector({ rate: 0.1, mix: { reset: -1 } })).toThrow(/faultMix.reset/);
		expect(() => createFaultInjector({ rate: 0.1, mix: {} })).toThrow(/weight of 0/);
		expect(parseFaultMix('http500=1, reset=2,internalError')).toEqual({ http500: 1, reset: 2, internalError: 1 });
		expect(() => parseFaultMix('teapot=1')).toThrow(/Unknown fault kind "teapot"/);
	});
});

describe('sandbox with injected faults', () => {
	test.each(FAULT_KINDS.map((kind) => [kind]))('%s: what the client sees, logged as a fault, never billed', async (kind) => {
		const sandbox = await startSandbox({ faultRate: 1, faultMix: { [kind]: 1 } });
		try {
			const seen = await outcomeOf(sandbox);
			const expected: Record<FaultKind, string> = {
				http500: 'HTTP500',
				http502: 'HTTP502',
				reset: 'ECONNRESET',
				internalError: 'InternalError',
				requestLimitExceeded: 'RequestLimitExceeded',
			};
			expect(seen).toBe(expected[kind]);
			expect(sandbox.requests).toHaveLength(1);
			expect(sandbox.requests[0]).toMatchObject({ fault: kind, billable: false, action: 'IdCardVerification' });
		} finally {
			await sandbox.close();
		}
	});

	test('a fault rate of 0.3 with a seed: the same requests meet the same faults in two runs', async () => {
		const run = async () => {
			const sandbox = await startSandbox({ faultRate: 0.3, faultSeed: 42 });
			try {
				const seen: string[] = [];
				for (let i = 0; i < 40; i++) seen.push(await outcomeOf(sandbox));
				return seen;
			} finally {
				await sandbox.close();
			}
		};
		const first = await run();
		expect(await run()).toEqual(first);
		const faults = first.filter((code) => code !== '0').length;
		expect(faults).toBeGreaterThan(3);
		expect(faults).toBeLessThan(25);
	});
});

describe('latency and clock offset', () => {
	test('latencyMs delays every answer', async () => {
		const sandbox = await startSandbox({ latencyMs: 120 });
		try {
			const started = Date.now();
			expect(await outcomeOf(sandbox)).toBe('0');
			expect(Date.now() - started).toBeGreaterThanOrEqual(115);
		} finally {
			await sandbox.close();
		}
	});

	test('transitVariationMs: each request is counted a random 0–N ms after it came in, differently for each', async () => {
		const sandbox = await startSandbox({ transitVariationMs: 60 });
		try {
			const delays: number[] = [];
			for (let i = 0; i < 12; i++) {
				const sent = Date.now();
				expect(await outcomeOf(sandbox)).toBe('0');
				delays.push(sandbox.requests.at(-1)!.time - sent);
			}
			expect(Math.max(...delays)).toBeLessThan(60 + 30);
			expect(Math.max(...delays) - Math.min(...delays)).toBeGreaterThan(15);
		} finally {
			await sandbox.close();
		}
	});

	test('clockOffsetSeconds: the sandbox clock runs ahead, signatures from the local clock expire', async () => {
		const sandbox = await startSandbox({ clockOffsetSeconds: 3600 });
		try {
			const local = await callSigned(sandbox.url, { timestamp: nowSeconds(), body: MATCH });
			expect(errorCode(local)).toBe('AuthFailure.SignatureExpire');
			const serverDate = Date.parse(String(local.raw.headers.date));
			expect(Math.abs(serverDate - Date.now() - 3_600_000)).toBeLessThan(2000);

			const corrected = await callSigned(sandbox.url, { timestamp: nowSeconds() + 3600, body: MATCH });
			expect(corrected.Response.Result).toBe('0');
		} finally {
			await sandbox.close();
		}
	});
});

describe('billing record', () => {
	test('same content, same hash; bodies are not kept; a check answered twice shows up', async () => {
		const sandbox = await startSandbox();
		try {
			await outcomeOf(sandbox, MATCH);
			await outcomeOf(sandbox, NO_RECORD);
			await outcomeOf(sandbox, MATCH);
			const [first, other, again] = sandbox.requests;
			expect(first.contentHash).toMatch(/^[0-9a-f]{32}$/);
			expect(again.contentHash).toBe(first.contentHash);
			expect(other.contentHash).not.toBe(first.contentHash);
			expect(JSON.stringify(sandbox.requests)).not.toContain('110101199003070011');
			expect(JSON.stringify(sandbox.requests)).not.toContain('Wei Xiaobao');
			// "0" is billed twice for the same content; "-5" is free.
			expect(summariseBilling(sandbox.requests)).toEqual({ billable: 2, repeatedBillable: 1 });
		} finally {
			await sandbox.close();
		}
	});

	test('a lost refusal of a check billed on another attempt is counted apart from billed answers', () => {
		const records = [
			{ contentHash: 'a', billable: false, fault: 'http502' as const },
			{ contentHash: 'a', billable: true, fault: 'reset' as const },
			{ contentHash: 'a', billable: true },
			{ contentHash: 'b', billable: false, fault: 'http500' as const },
			{ contentHash: 'b', billable: false },
			// An injected throttle: the client knows it was refused, and does not count it.
			{ contentHash: 'a', billable: false, fault: 'requestLimitExceeded' as const },
		];
		// Only "a" was billed: its lost refusal counts; "b" never cost anything.
		expect(unbilledLostAnswers(records)).toBe(1);
		expect(summariseBilling(records)).toEqual({ billable: 2, repeatedBillable: 1 });
	});
});

describe('workload identities', () => {
	test('1,000 distinct requests whose expected Result is what the sandbox rules give', () => {
		const identities = workloadIdentities(1000);
		expect(new Set(identities.map((identity) => `${identity.name}|${identity.idCard}`)).size).toBe(1000);
		const today = new Date();
		for (const identity of identities) {
			expect(idCardVerificationResult(identity.name, identity.idCard, today)).toBe(identity.expected);
		}
		expect(new Set(identities.map((identity) => identity.expected))).toEqual(new Set(['0', '-1', '-5']));
	});
});
