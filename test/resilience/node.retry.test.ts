/**
 * Each retry rule in the real node, through n8n's engine, with the exact wire exchange scripted
 * by nock: what Tencent provably did not process is sent again; what it may have processed only
 * with "Retry Requests Tencent May Have Processed", counted on the item; answers never; the bounds.
 */
import { createServer } from 'http';
import type { AddressInfo } from 'net';
import nock from 'nock';

import { SANDBOX_CREDENTIALS } from '../../sandbox/server';
import type { WorkflowRunResult } from '../harness';
import { FACEID_NODE, runFaceId } from '../support/faceIdWorkflow';
import { idCardParameters, resultOfEachItem } from './support';

const ENDPOINT = 'http://faceid.retry.test:8080';
const ITEM = { json: { name: 'Wei Xiaobao', idCard: '110101199003070011' } };
const credential = (endpoint = ENDPOINT) => ({
	...SANDBOX_CREDENTIALS,
	sessionToken: '',
	site: 'international',
	region: '',
	language: 'en-US',
	endpoint,
});

const MATCH = { Response: { Result: '0', Description: 'Name and identity card number match', RequestId: 'req-ok' } };
const apiError = (code: string) => ({ Response: { Error: { Code: code, Message: `${code} (scripted)` }, RequestId: `req-${code}` } });

type Reply = (scope: nock.Interceptor) => nock.Scope;
/** Tencent refused before processing: sent again by default. */
const notProcessed: Record<string, Reply> = {
	RequestLimitExceeded: (i) => i.reply(200, apiError('RequestLimitExceeded')),
	'RequestLimitExceeded.UinLimitExceeded': (i) => i.reply(200, apiError('RequestLimitExceeded.UinLimitExceeded')),
	'RequestLimitExceeded.IPLimitExceeded': (i) => i.reply(200, apiError('RequestLimitExceeded.IPLimitExceeded')),
};
/** Tencent may have processed (and billed) the request before the failure. */
const maybeProcessed: Record<string, Reply> = {
	InternalError: (i) => i.reply(200, apiError('InternalError')),
	ServiceUnavailable: (i) => i.reply(200, apiError('ServiceUnavailable')),
	'HTTP 500': (i) => i.reply(500, 'Internal Server Error'),
	'HTTP 502': (i) => i.reply(502, '<html>Bad Gateway</html>'),
	'HTTP 503': (i) => i.reply(503, 'Service Unavailable'),
	'HTTP 504': (i) => i.reply(504, 'Gateway Timeout'),
	'connection reset': (i) => i.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })),
};

/** The outcome of the one item, wherever it left. */
function outcomeOf(result: WorkflowRunResult): Record<string, unknown> | undefined {
	return result.outputs(FACEID_NODE).flat()[0]?.json.outcome as Record<string, unknown> | undefined;
}

/** Records what each request to the scripted endpoint carried. */
function recordRequests(scope: nock.Scope): Array<{ timestamp: string; authorization: string }> {
	const seen: Array<{ timestamp: string; authorization: string }> = [];
	// nock 15 hands over a fetch Request.
	scope.on('request', (req: Request) => {
		seen.push({ timestamp: req.headers.get('x-tc-timestamp') ?? '', authorization: req.headers.get('authorization') ?? '' });
	});
	return seen;
}

beforeAll(() => {
	nock.disableNetConnect();
	nock.enableNetConnect('127.0.0.1');
});
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('retried: the request provably was not processed', () => {
	test.each(Object.keys(notProcessed))('%s, then a match: sent twice, the item passes, no attempt counted as possibly billed', async (failure) => {
		const scope = notProcessed[failure](nock(ENDPOINT).post('/'));
		scope.post('/').reply(200, MATCH);
		const seen = recordRequests(scope);
		const result = await runFaceId({ parameters: idCardParameters(), items: [ITEM], credential: credential() });
		expect(result.error).toBeUndefined();
		expect(resultOfEachItem(result)).toEqual(['0']);
		expect(scope.isDone()).toBe(true);
		expect(seen).toHaveLength(2);
		// Each attempt is signed anew.
		expect(seen[1].authorization).toMatch(/^TC3-HMAC-SHA256 /);
		expect(outcomeOf(result)).toMatchObject({ status: 'passed', attempts: 2, possiblyBilledAttempts: 0 });
	});

	test('a refused connection (nothing listening) is retried up to Max Retries, then reported with the count', async () => {
		const closed = createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const { port } = closed.address() as AddressInfo;
		await new Promise<void>((resolve) => closed.close(() => resolve()));

		const started = Date.now();
		const result = await runFaceId({
			parameters: idCardParameters({ maxRetries: 2 }),
			items: [ITEM],
			credential: credential(`http://127.0.0.1:${port}`),
		});
		// n8n words the headline for ECONNREFUSED itself and keeps ours, with the attempt count, in `messages`.
		expect(result.error?.message).toContain('refused the connection');
		const messages = (result.error as { messages?: string[] } | undefined)?.messages ?? [];
		expect(messages.some((message) => /^ECONNREFUSED: .*gave up after 3 attempts.*\[item 0\]$/.test(message))).toBe(true);
		// Two backoff waits happened (≥ 125 + 250 ms with the smallest jitter).
		expect(Date.now() - started).toBeGreaterThanOrEqual(375);
	});
});

describe('the request may have been processed: not sent again unless the user accepts paying twice', () => {
	test.each(Object.keys(maybeProcessed))('%s: sent once, the item says the check may have been billed', async (failure) => {
		const scope = maybeProcessed[failure](nock(ENDPOINT).post('/'));
		scope.post('/').reply(200, MATCH);
		const seen = recordRequests(scope);
		const result = await runFaceId({ parameters: idCardParameters({ maxRetries: 3 }), items: [ITEM], credential: credential(), onError: 'continueRegularOutput' });
		expect(seen).toHaveLength(1);
		expect(scope.pendingMocks()).toHaveLength(1);
		const [error] = resultOfEachItem(result);
		expect(error).toMatch(/\(not sent again: Tencent may have processed and billed it \(option "Retry Requests Tencent May Have Processed"\)\) \[item 0\]$/);
		expect(outcomeOf(result)).toMatchObject({ status: 'review', possiblyBilled: true, billable: false });
	});

	test.each(Object.keys(maybeProcessed))('%s, with Retry Requests Tencent May Have Processed on: sent again, the attempts counted on the item', async (failure) => {
		const scope = maybeProcessed[failure](nock(ENDPOINT).post('/'));
		scope.post('/').reply(200, MATCH);
		const seen = recordRequests(scope);
		const result = await runFaceId({ parameters: idCardParameters({ retryOnTimeout: true }), items: [ITEM], credential: credential() });
		expect(result.error).toBeUndefined();
		expect(seen).toHaveLength(2);
		expect(outcomeOf(result)).toMatchObject({ status: 'passed', code: '0', attempts: 2, possiblyBilledAttempts: 1 });
	});
});

describe('never retried: an answer, or a failure retrying cannot help', () => {
	const finalReplies: Record<string, Reply> = {
		InvalidParameterValue: (i) => i.reply(200, apiError('InvalidParameterValue')),
		'AuthFailure.SignatureFailure': (i) => i.reply(200, apiError('AuthFailure.SignatureFailure')),
		'UnauthorizedOperation.Arrears': (i) => i.reply(200, apiError('UnauthorizedOperation.Arrears')),
		'an answer that is not JSON': (i) => i.reply(200, '<html>proxy login</html>'),
	};

	test.each(Object.keys(finalReplies))('%s: sent once, even with every retry option on, reported with the item', async (failure) => {
		const scope = finalReplies[failure](nock(ENDPOINT).post('/'));
		scope.post('/').reply(200, MATCH);
		const seen = recordRequests(scope);
		const result = await runFaceId({ parameters: idCardParameters({ retryOnTimeout: true }), items: [ITEM], credential: credential() });
		expect(result.error?.message).toMatch(/\[item 0\]$/);
		expect(result.error?.message).not.toContain('billed');
		expect(seen).toHaveLength(1);
		expect(scope.pendingMocks()).toHaveLength(1);
	});

	test('a billable answer is final: a match is sent once even with retries allowed, and counts no attempts', async () => {
		const scope = nock(ENDPOINT).post('/').reply(200, MATCH).post('/').reply(200, MATCH);
		const seen = recordRequests(scope);
		const result = await runFaceId({
			parameters: idCardParameters({ maxRetries: 5, retryOnTimeout: true }),
			items: [ITEM],
			credential: credential(),
		});
		expect(resultOfEachItem(result)).toEqual(['0']);
		expect(seen).toHaveLength(1);
		expect(outcomeOf(result)).not.toHaveProperty('attempts');
	});
	// Timeouts: against the sandbox, whose log shows the billing (node.billing.test.ts).
});

describe('bounds', () => {
	test('Max Retries 2: three attempts, then the error says so', async () => {
		const scope = nock(ENDPOINT).post('/').times(5).reply(200, apiError('RequestLimitExceeded'));
		const seen = recordRequests(scope);
		const result = await runFaceId({ parameters: idCardParameters({ maxRetries: 2 }), items: [ITEM], credential: credential() });
		expect(result.error?.message).toMatch(/^RequestLimitExceeded: .*gave up after 3 attempts.*\[item 0\]$/);
		expect(seen).toHaveLength(3);
	});

	test('Max Retries 0: one attempt', async () => {
		const scope = nock(ENDPOINT).post('/').times(5).reply(200, apiError('RequestLimitExceeded'));
		const seen = recordRequests(scope);
		const result = await runFaceId({ parameters: idCardParameters({ maxRetries: 0 }), items: [ITEM], credential: credential() });
		expect(result.error?.message).toMatch(/^RequestLimitExceeded: .*\[item 0\]$/);
		expect(seen).toHaveLength(1);
	});
});

describe('clock skew on the wire', () => {
	test('SignatureExpire with a Date one hour ahead: the retry is signed with the server time', async () => {
		const serverNow = new Date(Date.now() + 3_600_000);
		const scope = nock(ENDPOINT)
			.post('/')
			.reply(200, apiError('AuthFailure.SignatureExpire'), { Date: serverNow.toUTCString() })
			.post('/')
			.reply(200, MATCH);
		const seen = recordRequests(scope);
		const result = await runFaceId({ parameters: idCardParameters({ maxRetries: 0 }), items: [ITEM], credential: credential() });
		expect(resultOfEachItem(result)).toEqual(['0']);
		expect(seen).toHaveLength(2);
		const localSeconds = Date.now() / 1000;
		expect(Math.abs(Number(seen[0].timestamp) - localSeconds)).toBeLessThan(5);
		expect(Math.abs(Number(seen[1].timestamp) - (localSeconds + 3600))).toBeLessThan(5);
	});

	test('SignatureExpire without a Date header is reported, with the NTP hint', async () => {
		const scope = nock(ENDPOINT).post('/').reply(200, apiError('AuthFailure.SignatureExpire')).post('/').reply(200, MATCH);
		const seen = recordRequests(scope);
		const result = await runFaceId({ parameters: idCardParameters(), items: [ITEM], credential: credential() });
		expect(result.error?.message).toMatch(/^AuthFailure\.SignatureExpire: .*\[item 0\]$/);
		expect(result.error?.description).toContain('NTP');
		expect(seen).toHaveLength(1);
	});
});
