/**
 * TencentCloudClient end to end through the signing undici transport (test/support/undiciTransport.ts),
 * with nock 15 answering for https://faceid.tencentcloudapi.com. nock intercepts undici's
 * `request` at the socket level (@mswjs/interceptors), so the real transport code runs.
 */
import nock from 'nock';

import { TencentCloudClient } from '../../../lib/tencent/client';
import { TencentCloudError } from '../../../lib/tencent/errors';
import { IdCardVerification, type IdCardVerificationResponse } from '../../../lib/tencent/actions/IdCardVerification';
import { JSON_CONTENT_TYPE, parseTc3Authorization, signTc3, tc3Date } from '../../../lib/tencent/signer';
import { createUndiciTransport } from '../../support/undiciTransport';

const HOST = 'faceid.tencentcloudapi.com';
const ORIGIN = `https://${HOST}`;
const SECRET_ID = 'AKIDclientTest0000000000000000000000';
const SECRET_KEY = 'clientTestSecretKey00000000000000';
const SERVER_DATE = 'Tue, 02 Jan 2024 03:04:05 GMT';
const PARAMS = { IdCard: '11010519491231002X', Name: '张三' };

const transport = createUndiciTransport({ secretId: SECRET_ID, secretKey: SECRET_KEY });
const client = new TencentCloudClient(transport, { region: 'ap-guangzhou' });

interface CapturedRequest {
	method: string;
	url: string;
	headers: Headers;
	body: string;
}

/** Records each request nock answers on this scope: method, URL, headers and the raw body text. */
function capture(scope: nock.Scope): CapturedRequest[] {
	const seen: CapturedRequest[] = [];
	scope.on('request', (req: Request, _interceptor: unknown, body: string) => {
		seen.push({ method: req.method, url: req.url, headers: req.headers, body });
	});
	return seen;
}

/** Awaits a call that must fail and returns its TencentCloudError. */
async function failure(promise: Promise<unknown>): Promise<TencentCloudError> {
	const error = await promise.then(
		(value) => {
			throw new Error(`expected the call to fail, it returned ${JSON.stringify(value)}`);
		},
		(reason: unknown) => reason,
	);
	expect(error).toBeInstanceOf(TencentCloudError);
	return error as TencentCloudError;
}

const pendingTimers: NodeJS.Timeout[] = [];

/** A reply that arrives only after `ms`: a real wait, so undici's own timers see it. */
function slowReply(ms: number): () => Promise<[number, string]> {
	return () =>
		new Promise((resolve) => {
			pendingTimers.push(setTimeout(() => resolve([200, JSON.stringify({ Response: { Result: '0', RequestId: 'late' } })]), ms));
		});
}

beforeAll(() => {
	nock.disableNetConnect();
});

afterEach(() => {
	for (const timer of pendingTimers.splice(0)) clearTimeout(timer);
	nock.abortPendingRequests();
	nock.cleanAll();
});

afterAll(() => {
	nock.enableNetConnect();
	nock.restore();
});

describe('successful answers', () => {
	test('typed response, documented and unknown fields kept', async () => {
		const scope = nock(ORIGIN)
			.post('/')
			.reply(
				200,
				{
					Response: {
						Result: '0',
						Description: '姓名和身份证号一致',
						RequestId: 'req-ok-1',
						FutureField: { Nested: [1, 2, 3] },
						Encryption: null,
					},
				},
				{ Date: SERVER_DATE },
			);
		const result: IdCardVerificationResponse = await client.call(IdCardVerification, PARAMS);
		expect(scope.isDone()).toBe(true);
		expect(result.Result).toBe('0');
		expect(result.Description).toBe('姓名和身份证号一致');
		expect(result.RequestId).toBe('req-ok-1');
		expect(result).toEqual({
			Result: '0',
			Description: '姓名和身份证号一致',
			RequestId: 'req-ok-1',
			FutureField: { Nested: [1, 2, 3] },
			Encryption: null,
		});
	});

	test('a non-match ("-1") is an answer, not an error', async () => {
		nock(ORIGIN)
			.post('/')
			.reply(200, { Response: { Result: '-1', Description: '姓名和身份证号不一致', RequestId: 'req-ok-2' } });
		await expect(client.call(IdCardVerification, PARAMS)).resolves.toMatchObject({ Result: '-1', RequestId: 'req-ok-2' });
	});
});

describe('errors Tencent answered (HTTP 200 with Response.Error)', () => {
	test('kind api with code, message, requestId, httpStatus 200 and serverDate', async () => {
		nock(ORIGIN)
			.post('/')
			.reply(
				200,
				{
					Response: {
						Error: { Code: 'AuthFailure.SignatureExpire', Message: 'Signature expired. Timestamp is too old.' },
						RequestId: 'req-api-1',
					},
				},
				{ Date: SERVER_DATE },
			);
		const error = await failure(client.call(IdCardVerification, PARAMS));
		expect(error.name).toBe('TencentCloudError');
		expect(error.kind).toBe('api');
		expect(error.code).toBe('AuthFailure.SignatureExpire');
		expect(error.message).toBe('Signature expired. Timestamp is too old.');
		expect(error.requestId).toBe('req-api-1');
		expect(error.httpStatus).toBe(200);
		expect(error.action).toBe('IdCardVerification');
		expect(error.serverDate).toBe(SERVER_DATE);
	});

	test('an error without Message uses the code as message', async () => {
		nock(ORIGIN)
			.post('/')
			.reply(200, { Response: { Error: { Code: 'InternalError' }, RequestId: 'req-api-2' } });
		const error = await failure(client.call(IdCardVerification, PARAMS));
		expect(error.kind).toBe('api');
		expect(error.code).toBe('InternalError');
		expect(error.message).toBe('InternalError');
		expect(error.serverDate).toBeUndefined();
	});
});

describe('HTTP errors (the request never reached the API)', () => {
	const nginx502 =
		'<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

	test('502 with an HTML proxy page: HTTP502, excerpt in the message, no RequestId', async () => {
		nock(ORIGIN).post('/').reply(502, nginx502, { 'Content-Type': 'text/html', Date: SERVER_DATE });
		const error = await failure(client.call(IdCardVerification, PARAMS));
		expect(error.kind).toBe('http');
		expect(error.code).toBe('HTTP502');
		expect(error.httpStatus).toBe(502);
		expect(error.requestId).toBeUndefined();
		expect(error.serverDate).toBe(SERVER_DATE);
		expect(error.message).toMatch(/^HTTP 502 from the endpoint: /);
		expect(error.message).toContain('<title>502 Bad Gateway</title>');
		expect(error.message).not.toMatch(/[\r\n]/); // whitespace collapsed for a one-line message
	});

	test('a long page is cut to an excerpt', async () => {
		const page = `<html><body>${'x'.repeat(5000)}<p>THE-END</p></body></html>`;
		nock(ORIGIN).post('/').reply(504, page, { 'Content-Type': 'text/html' });
		const error = await failure(client.call(IdCardVerification, PARAMS));
		expect(error.code).toBe('HTTP504');
		expect(error.message).toContain('<html><body>xxx');
		expect(error.message).not.toContain('THE-END');
		expect(error.message.length).toBeLessThan(200);
		expect(error.message.endsWith('…')).toBe(true);
	});

	test('403 with a Tencent JSON error: kind http carrying the Tencent code and RequestId', async () => {
		nock(ORIGIN)
			.post('/')
			.reply(
				403,
				{
					Response: {
						Error: { Code: 'AuthFailure.UnauthorizedOperation', Message: 'You are not authorized to perform this operation.' },
						RequestId: 'req-403',
					},
				},
				{ Date: SERVER_DATE },
			);
		const error = await failure(client.call(IdCardVerification, PARAMS));
		expect(error.kind).toBe('http');
		expect(error.code).toBe('AuthFailure.UnauthorizedOperation');
		expect(error.httpStatus).toBe(403);
		expect(error.requestId).toBe('req-403');
		expect(error.message).toBe('AuthFailure.UnauthorizedOperation: You are not authorized to perform this operation.');
		expect(error.serverDate).toBe(SERVER_DATE);
	});
});

describe('answers that are not Tencent Cloud API answers', () => {
	test('truncated JSON: InvalidResponse.NotJson', async () => {
		nock(ORIGIN)
			.post('/')
			.reply(200, '{"Response": {"Result": "0", "Descr', { 'Content-Type': 'application/json', Date: SERVER_DATE });
		const error = await failure(client.call(IdCardVerification, PARAMS));
		expect(error.kind).toBe('invalid-response');
		expect(error.code).toBe('InvalidResponse.NotJson');
		expect(error.httpStatus).toBe(200);
		expect(error.serverDate).toBe(SERVER_DATE);
		expect(error.message).toContain('{"Response": {"Result": "0", "Descr');
	});

	test('empty body: InvalidResponse.NotJson', async () => {
		nock(ORIGIN).post('/').reply(200, '');
		const error = await failure(client.call(IdCardVerification, PARAMS));
		expect(error.code).toBe('InvalidResponse.NotJson');
		expect(error.message).toContain('(empty body)');
	});

	test.each([
		['an object without Response', { result: '0', requestId: 'x' }],
		['JSON null', null],
		['a JSON number', 42],
	])('%s: InvalidResponse.NoResponse', async (_label, body) => {
		nock(ORIGIN)
			.post('/')
			.reply(200, JSON.stringify(body), { 'Content-Type': 'application/json' });
		const error = await failure(client.call(IdCardVerification, PARAMS));
		expect(error.kind).toBe('invalid-response');
		expect(error.code).toBe('InvalidResponse.NoResponse');
		expect(error.httpStatus).toBe(200);
	});

	test('Result of the wrong type: InvalidResponse.Schema, RequestId kept', async () => {
		nock(ORIGIN)
			.post('/')
			.reply(200, { Response: { Result: 0, Description: 'ok', RequestId: 'req-schema-1' } });
		const error = await failure(client.call(IdCardVerification, PARAMS));
		expect(error.kind).toBe('invalid-response');
		expect(error.code).toBe('InvalidResponse.Schema');
		expect(error.requestId).toBe('req-schema-1');
		expect(error.message).toContain('IdCardVerification');
		expect(error.message).toContain('Result');
	});

	test('missing RequestId: InvalidResponse.Schema', async () => {
		nock(ORIGIN)
			.post('/')
			.reply(200, { Response: { Result: '0', Description: 'ok' } });
		const error = await failure(client.call(IdCardVerification, PARAMS));
		expect(error.kind).toBe('invalid-response');
		expect(error.code).toBe('InvalidResponse.Schema');
		expect(error.requestId).toBeUndefined();
		expect(error.message).toContain('RequestId');
	});
});

describe('no answer', () => {
	// nock must be given an Error instance here: with a plain object ({ code }) the mocked socket
	// never fails the undici request and the call hangs (nock 15 / @mswjs/interceptors + undici).
	test.each([
		['ECONNREFUSED', 'connect ECONNREFUSED 203.0.113.10:443'],
		['ENOTFOUND', 'getaddrinfo ENOTFOUND faceid.tencentcloudapi.com'],
		['ECONNRESET', 'read ECONNRESET'],
	])('%s: kind network with that code', async (code, message) => {
		nock(ORIGIN)
			.post('/')
			.replyWithError(Object.assign(new Error(message), { code }));
		const error = await failure(client.call(IdCardVerification, PARAMS));
		expect(error.kind).toBe('network');
		expect(error.code).toBe(code);
		expect(error.message).toContain(message);
		expect(error.httpStatus).toBeUndefined();
		expect(error.requestId).toBeUndefined();
	});

	test('no answer before timeoutMs: kind timeout', async () => {
		// nock's .delay() does not help here: it is simulated, and when undici's timer fires nock
		// delivers the reply at once instead of failing. A reply that really arrives late does.
		const scope = nock(ORIGIN).post('/').reply(slowReply(10_000));
		const started = Date.now();
		const error = await failure(client.call(IdCardVerification, PARAMS, { timeoutMs: 200 }));
		expect(Date.now() - started).toBeLessThan(5_000);
		expect(scope.isDone()).toBe(true);
		expect(error.kind).toBe('timeout');
		expect(error.code).toBe('UND_ERR_HEADERS_TIMEOUT');
		expect(error.message).toMatch(/may still have been processed/);
	});

	test('the client default timeout applies when the call gives none', async () => {
		nock(ORIGIN).post('/').reply(slowReply(10_000));
		const quickClient = new TencentCloudClient(transport, { timeoutMs: 200 });
		const error = await failure(quickClient.call(IdCardVerification, PARAMS));
		expect(error.kind).toBe('timeout');
	});

	test('an already aborted signal: RequestAborted', async () => {
		const scope = nock(ORIGIN).post('/').reply(200, { Response: { Result: '0', RequestId: 'never' } });
		const controller = new AbortController();
		controller.abort();
		const error = await failure(client.call(IdCardVerification, PARAMS, { signal: controller.signal }));
		expect(error.kind).toBe('network');
		expect(error.code).toBe('RequestAborted');
		expect(scope.isDone()).toBe(false);
	});

	test('a signal aborted while waiting for the answer: RequestAborted', async () => {
		nock(ORIGIN).post('/').reply(slowReply(10_000));
		const controller = new AbortController();
		pendingTimers.push(setTimeout(() => controller.abort(), 50));
		const error = await failure(client.call(IdCardVerification, PARAMS, { signal: controller.signal }));
		expect(error.code).toBe('RequestAborted');
	});
});

describe('the exact wire exchange', () => {
	test('body is JSON.stringify(params), TC3 headers present, signature verifies', async () => {
		const scope = nock(ORIGIN)
			.post('/')
			.reply(200, { Response: { Result: '0', RequestId: 'req-wire' } });
		const seen = capture(scope);
		const before = Math.floor(Date.now() / 1000);
		await client.call(IdCardVerification, PARAMS);
		const after = Math.floor(Date.now() / 1000);
		expect(seen).toHaveLength(1);
		const [req] = seen;

		expect(req.method).toBe('POST');
		expect(req.url).toBe(`${ORIGIN}/`);
		expect(req.body).toBe(JSON.stringify(PARAMS));
		expect(req.body).toContain('张三'); // UTF-8, not \u-escaped
		expect(req.headers.get('content-length')).toBe(String(Buffer.byteLength(JSON.stringify(PARAMS), 'utf8')));

		expect(req.headers.get('host')).toBe(HOST);
		expect(req.headers.get('content-type')).toBe(JSON_CONTENT_TYPE);
		expect(req.headers.get('x-tc-action')).toBe('IdCardVerification');
		expect(req.headers.get('x-tc-version')).toBe('2018-03-01');
		expect(req.headers.get('x-tc-region')).toBe('ap-guangzhou');
		expect(req.headers.get('x-tc-token')).toBeNull();
		expect(req.headers.get('x-tc-language')).toBeNull();
		const timestampHeader = req.headers.get('x-tc-timestamp') ?? '';
		expect(timestampHeader).toMatch(/^\d{10}$/);
		const timestamp = Number(timestampHeader);
		expect(timestamp).toBeGreaterThanOrEqual(before);
		expect(timestamp).toBeLessThanOrEqual(after);

		const authorization = req.headers.get('authorization') ?? '';
		const parsed = parseTc3Authorization(authorization);
		expect(parsed).toEqual({
			secretId: SECRET_ID,
			date: tc3Date(timestamp),
			service: 'faceid',
			signedHeaders: ['content-type', 'host', 'x-tc-action'],
			signature: expect.stringMatching(/^[0-9a-f]{64}$/),
		});

		// Verify like the server would: recompute from what was received.
		const recompute = (body: string) =>
			signTc3({
				secretId: SECRET_ID,
				secretKey: SECRET_KEY,
				service: 'faceid',
				host: req.headers.get('host') ?? '',
				method: 'POST',
				payload: body,
				contentType: req.headers.get('content-type') ?? '',
				timestamp,
				action: req.headers.get('x-tc-action') ?? '',
				signedHeaders: parsed?.signedHeaders,
			});
		expect(recompute(req.body).authorization).toBe(authorization);
		expect(recompute(req.body).signature).toBe(parsed?.signature);
		// The check can fail: one changed byte breaks it.
		expect(recompute(req.body.replace('张三', '张四')).signature).not.toBe(parsed?.signature);
	});

	test('session token, language, per-call region and clock offset go on the wire', async () => {
		const scope = nock(ORIGIN)
			.post('/')
			.reply(200, { Response: { Result: '0', RequestId: 'req-wire-2' } });
		const seen = capture(scope);
		const stsClient = new TencentCloudClient(
			createUndiciTransport({
				secretId: SECRET_ID,
				secretKey: SECRET_KEY,
				sessionToken: 'sts-token-123',
				language: 'en-US',
				clockOffsetSeconds: -3600,
			}),
		);
		const now = Math.floor(Date.now() / 1000);
		await stsClient.call(IdCardVerification, PARAMS, { region: 'ap-singapore' });
		const [req] = seen;
		expect(req.headers.get('x-tc-token')).toBe('sts-token-123');
		expect(req.headers.get('x-tc-language')).toBe('en-US');
		expect(req.headers.get('x-tc-region')).toBe('ap-singapore');
		const timestamp = Number(req.headers.get('x-tc-timestamp'));
		expect(Math.abs(timestamp - (now - 3600))).toBeLessThanOrEqual(2);
		expect(parseTc3Authorization(req.headers.get('authorization') ?? '')?.date).toBe(tc3Date(timestamp));
	});

	test('a custom endpoint with a port is signed with host:port', async () => {
		const scope = nock('http://sandbox.local:8080')
			.post('/')
			.reply(200, { Response: { Result: '0', RequestId: 'req-custom' } });
		const seen = capture(scope);
		const sandboxClient = new TencentCloudClient(
			createUndiciTransport({ secretId: SECRET_ID, secretKey: SECRET_KEY, customEndpoint: 'http://sandbox.local:8080' }),
		);
		await sandboxClient.call(IdCardVerification, PARAMS);
		expect(scope.isDone()).toBe(true);
		const [req] = seen;
		expect(req.headers.get('host')).toBe('sandbox.local:8080');
		const authorization = req.headers.get('authorization') ?? '';
		const expected = signTc3({
			secretId: SECRET_ID,
			secretKey: SECRET_KEY,
			service: 'faceid',
			host: 'sandbox.local:8080',
			method: 'POST',
			payload: req.body,
			contentType: JSON_CONTENT_TYPE,
			timestamp: Number(req.headers.get('x-tc-timestamp')),
			action: 'IdCardVerification',
			signedHeaders: ['content-type', 'host', 'x-tc-action'],
		});
		expect(authorization).toBe(expected.authorization);
		// The credential scope names the service, never the custom host.
		expect(parseTc3Authorization(authorization)?.service).toBe('faceid');
	});
});
