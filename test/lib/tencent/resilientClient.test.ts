/**
 * The client both nodes call Tencent with, on a fake transport and a fake clock: it paces each
 * action at its own limit (or the user's lower one), retries only what provably was not processed
 * (the rest only when told to, counting the attempts that may have been billed), re-signs once
 * with the server's clock after SignatureExpire, passes the cancel signal on, and logs retries by
 * code and RequestId only.
 */
import type { TransportRequest, TransportResponse } from '../../../lib/tencent/client';
import { IdCardVerification } from '../../../lib/tencent/actions/IdCardVerification';
import { ImageRecognitionV2 } from '../../../lib/tencent/actions/ImageRecognitionV2';
import { TencentCloudError } from '../../../lib/tencent/errors';
import { ResilientClient, type ResilienceSettings } from '../../../lib/tencent/resilientClient';

/** Local time of the fake clock at the start: 2024-01-02T03:04:05Z. */
const START_MS = Date.UTC(2024, 0, 2, 3, 4, 5);
const PERSON = { IdCard: '11010519491231002X', Name: '张三' };

interface Sent {
	request: TransportRequest;
	/** The timestamp the request was signed with (Unix seconds). */
	timestamp: number;
	/** The fake clock when it was sent. */
	at: number;
}

const ok = (requestId: string, result = '0'): TransportResponse => ({
	statusCode: 200,
	headers: { date: new Date(START_MS).toUTCString() },
	body: JSON.stringify({ Response: { Result: result, Description: 'match', RequestId: requestId } }),
});

const apiError = (code: string, requestId: string, date?: string): TransportResponse => ({
	statusCode: 200,
	headers: date ? { date } : {},
	body: JSON.stringify({ Response: { Error: { Code: code, Message: `${code} happened` }, RequestId: requestId } }),
});

const gateway = (status: number): TransportResponse => ({ statusCode: status, headers: {}, body: '<html>Bad Gateway</html>' });

/**
 * A client on a fake clock (sleep advances it) whose transport answers from `answers` in turn
 * (the last one again when they run out) and records what was sent.
 */
function harness(answers: Array<TransportResponse | Error>, settings: Partial<ResilienceSettings> = {}, signal?: AbortSignal) {
	let now = START_MS;
	const sent: Sent[] = [];
	const slept: number[] = [];
	const debug: string[] = [];
	const client = new ResilientClient(
		{ maxRequestsPerSecond: 0, maxRetries: 3, retryPossiblyProcessed: false, ...settings },
		{
			transport: (timestamp) => async (request) => {
				sent.push({ request, timestamp: timestamp(), at: now });
				const answer = answers[Math.min(sent.length - 1, answers.length - 1)];
				if (answer instanceof Error) throw answer;
				return answer;
			},
			sleep: async (ms, sleepSignal) => {
				if (sleepSignal?.aborted) throw new Error('aborted');
				slept.push(ms);
				now += ms;
			},
			now: () => now,
			random: () => 0.5,
			signal,
			debug: (message) => debug.push(message),
		},
	);
	return { client, sent, slept, debug, now: () => now };
}

describe('pacing', () => {
	test("sequential calls start at the action's documented limit: ImageRecognitionV2 20/s", async () => {
		const { client, sent } = harness([ok('r')]);
		for (let i = 0; i < 5; i++) await client.call(ImageRecognitionV2, { ...PERSON, ImageBase64: 'x' }).catch(() => undefined);
		const gaps = sent.slice(1).map((entry, index) => entry.at - sent[index].at);
		// 1/20 s plus the 1% headroom.
		for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(50);
		expect(Math.max(...gaps)).toBeLessThan(60);
	});

	test("the user's lower limit applies; a higher one does not", async () => {
		const slow = harness([ok('r')], { maxRequestsPerSecond: 4 });
		for (let i = 0; i < 3; i++) await slow.client.call(IdCardVerification, PERSON);
		expect(slow.sent[2].at - slow.sent[1].at).toBeGreaterThanOrEqual(250);

		const fast = harness([ok('r')], { maxRequestsPerSecond: 1000 });
		for (let i = 0; i < 3; i++) await fast.client.call(IdCardVerification, PERSON);
		// IdCardVerification's documented 100/s still holds.
		expect(fast.sent[2].at - fast.sent[1].at).toBeGreaterThanOrEqual(10);
		expect(fast.sent[2].at - fast.sent[1].at).toBeLessThan(12);
	});
});

describe('retries', () => {
	const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });

	test('throttling and a connection that never opened are sent again after the backoff; the log has codes and RequestIds only', async () => {
		const { client, sent, debug } = harness([apiError('RequestLimitExceeded', 'req-throttled'), refused, ok('req-ok')]);
		const attempts = { sent: 0, possiblyProcessed: 0 };
		const answer = await client.call(IdCardVerification, PERSON, { attempts });
		expect(answer).toMatchObject({ Result: '0', RequestId: 'req-ok' });
		expect(sent).toHaveLength(3);
		expect(attempts).toEqual({ sent: 3, possiblyProcessed: 0 });
		// Every attempt sends the same body anew.
		expect(new Set(sent.map((entry) => entry.request.body)).size).toBe(1);
		expect(debug).toHaveLength(2);
		expect(debug[0]).toMatch(/^FaceID IdCardVerification: attempt 1 failed \(RequestLimitExceeded, RequestId req-throttled\); retrying in \d+ ms$/);
		expect(debug[1]).toMatch(/^FaceID IdCardVerification: attempt 2 failed \(ECONNREFUSED\); retrying in \d+ ms$/);
		for (const line of debug) {
			expect(line).not.toContain(PERSON.IdCard);
			expect(line).not.toContain(PERSON.Name);
		}
	});

	test.each([
		['a gateway 502', gateway(502)],
		['HTTP 500', gateway(500)],
		['InternalError', apiError('InternalError', 'req-internal')],
	])('%s may have been processed: not sent again by default, and the error says so', async (_label, answer) => {
		const { client, sent } = harness([answer, ok('never')]);
		const error = await client.call(IdCardVerification, PERSON).catch((e: unknown) => e);
		expect(sent).toHaveLength(1);
		expect(error).toMatchObject({ possiblyProcessed: true });
		expect((error as Error).message).toContain('Tencent may have processed and billed it (option "Retry Requests Tencent May Have Processed")');
	});

	test('with Retry Requests Tencent May Have Processed on, they are sent again, and the call counts what may have been billed', async () => {
		const { client, sent } = harness([gateway(502), apiError('InternalError', 'req-internal'), ok('req-ok')], { retryPossiblyProcessed: true });
		const attempts = { sent: 0, possiblyProcessed: 0 };
		await expect(client.call(IdCardVerification, PERSON, { attempts })).resolves.toMatchObject({ RequestId: 'req-ok' });
		expect(sent).toHaveLength(3);
		expect(attempts).toEqual({ sent: 3, possiblyProcessed: 2 });
	});

	test('a verdict sent as Response.Error is an answer: sent once, even with the option on', async () => {
		const { client, sent } = harness([apiError('FailedOperation.UnKnown', 'req-v'), ok('never')], { retryPossiblyProcessed: true });
		await expect(client.call(IdCardVerification, PERSON)).rejects.toMatchObject({ code: 'FailedOperation.UnKnown' });
		expect(sent).toHaveLength(1);
	});

	test('Max Retries bounds the attempts, and the error says how many were made', async () => {
		const { client, sent } = harness([apiError('RequestLimitExceeded', 'req-t')], { maxRetries: 2 });
		await expect(client.call(IdCardVerification, PERSON)).rejects.toThrow('(gave up after 3 attempts)');
		expect(sent).toHaveLength(3);
	});

	test('a timeout is sent again only with the option on', async () => {
		const timeout = Object.assign(new Error('headers timeout'), { code: 'UND_ERR_HEADERS_TIMEOUT' });
		const off = harness([timeout, ok('r')]);
		await expect(off.client.call(IdCardVerification, PERSON)).rejects.toMatchObject({ kind: 'timeout', possiblyProcessed: true });
		expect(off.sent).toHaveLength(1);

		const on = harness([timeout, ok('r')], { retryPossiblyProcessed: true });
		await expect(on.client.call(IdCardVerification, PERSON)).resolves.toMatchObject({ RequestId: 'r' });
		expect(on.sent).toHaveLength(2);
	});
});

describe('clock skew', () => {
	test("SignatureExpire with the server's Date: re-signed at once with the server's time, and the offset is kept", async () => {
		const serverDate = new Date(START_MS + 3_600_000).toUTCString();
		const { client, sent, slept, debug } = harness([apiError('AuthFailure.SignatureExpire', 'req-skew', serverDate), ok('r1')]);
		await client.call(IdCardVerification, PERSON);
		expect(sent.map((entry) => entry.timestamp - Math.floor(START_MS / 1000))).toEqual([0, 3600]);
		// No backoff: the only wait is the pacing slot of 100/s.
		expect(slept.reduce((sum, ms) => sum + ms, 0)).toBeLessThanOrEqual(11);
		// The Date header has whole seconds: the server's clock was within the second after it.
		expect(client.signingClock.offsetSeconds).toBeGreaterThanOrEqual(3600);
		expect(client.signingClock.offsetSeconds).toBeLessThanOrEqual(3601);
		expect(debug).toEqual([
			`FaceID IdCardVerification: attempt 1 failed (AuthFailure.SignatureExpire, RequestId req-skew); re-signing with the server's clock (offset ${client.signingClock.offsetSeconds} s)`,
		]);
		// The next call is signed with the corrected clock from the start.
		await client.call(IdCardVerification, PERSON);
		expect(sent[2].timestamp - Math.floor(sent[2].at / 1000)).toBe(3600);
	});

	test('without a usable Date header, SignatureExpire is final', async () => {
		const { client, sent } = harness([apiError('AuthFailure.SignatureExpire', 'req-skew'), ok('never')]);
		await expect(client.call(IdCardVerification, PERSON)).rejects.toMatchObject({ code: 'AuthFailure.SignatureExpire' });
		expect(sent).toHaveLength(1);
		expect(client.signingClock.offsetSeconds).toBe(0);
	});
});

describe('the cancel signal', () => {
	test("the execution's signal reaches the transport; a call's own signal wins", async () => {
		const execution = new AbortController();
		const own = new AbortController();
		const { client, sent } = harness([ok('r')], {}, execution.signal);
		await client.call(IdCardVerification, PERSON);
		await client.call(IdCardVerification, PERSON, { signal: own.signal, region: 'ap-singapore', timeoutMs: 1234 });
		expect(sent[0].request.signal).toBe(execution.signal);
		expect(sent[1].request).toMatchObject({ signal: own.signal, region: 'ap-singapore', timeoutMs: 1234, action: 'IdCardVerification' });
	});

	test('a cancelled execution is not retried', async () => {
		const execution = new AbortController();
		const { client, sent } = harness([apiError('RequestLimitExceeded', 'req-t'), ok('never')], {}, execution.signal);
		execution.abort();
		await expect(client.call(IdCardVerification, PERSON)).rejects.toBeInstanceOf(TencentCloudError);
		expect(sent.length).toBeLessThanOrEqual(1);
	});
});
