import { canonicalQueryString } from '../../lib/tencent/signer';
import { SANDBOX_CREDENTIALS, startSandbox, type Sandbox } from '../../sandbox/server';
import { callSigned, errorCode, manualClock, sendRaw } from './helpers';

// 20:00 UTC is 04:00 the next day in UTC+8: the hour the local-date bug shows.
const clock = manualClock(Date.UTC(2026, 0, 15, 20, 0, 0));
const TEMPORARY_KEY = { secretId: 'AKIDTEMPORARY000000000000000000000000', secretKey: 'temporary-key', sessionToken: 'sts-token-1' };
const MATCH = JSON.stringify({ Name: '张三', IdCard: '110105198506150022' });

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ now: clock.now, keys: [SANDBOX_CREDENTIALS, TEMPORARY_KEY] });
});
afterAll(() => sandbox.close());

const call = (overrides: Partial<Parameters<typeof callSigned>[1]> = {}, tamper?: Parameters<typeof callSigned>[2]) =>
	callSigned(sandbox.url, { timestamp: clock.seconds(), body: MATCH, ...overrides }, tamper);

describe('accepted requests', () => {
	test('POST signed with content-type;host', async () => {
		const answer = await call({ signedHeaders: ['content-type', 'host'] });
		expect(answer.Response).toMatchObject({ Result: '0' });
	});

	test('POST signed with content-type;host;x-tc-action', async () => {
		const answer = await call({ signedHeaders: ['content-type', 'host', 'x-tc-action'] });
		expect(answer.Response).toMatchObject({ Result: '0' });
	});

	test('GET with the parameters in a signed query string', async () => {
		const query = canonicalQueryString({ Name: '张三', IdCard: '110105198506150022' });
		const answer = await call({ method: 'GET', query });
		expect(answer.Response).toMatchObject({ Result: '0' });
	});

	test('answers carry Tencent envelope, JSON content type, a uuid RequestId and the sandbox Date', async () => {
		const answer = await call();
		expect(answer.raw.status).toBe(200);
		expect(answer.raw.headers['content-type']).toBe('application/json');
		expect(answer.raw.headers.date).toBe(new Date(clock.ms).toUTCString());
		expect(answer.Response.RequestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
	});

	test('a temporary key with its X-TC-Token', async () => {
		const answer = await call({ ...TEMPORARY_KEY, token: TEMPORARY_KEY.sessionToken });
		expect(answer.Response).toMatchObject({ Result: '0' });
	});

	test('the request log keeps action, key, code, billable flag and time, never the body', async () => {
		sandbox.clearRequests();
		await call();
		expect(sandbox.requests).toEqual([
			{
				time: clock.ms,
				requestId: expect.any(String),
				action: 'IdCardVerification',
				secretId: SANDBOX_CREDENTIALS.secretId,
				code: '0',
				billable: true,
				// a hash of action and body, to spot a check billed twice (sandbox/faults.ts)
				contentHash: expect.stringMatching(/^[0-9a-f]{32}$/),
			},
		]);
		expect(JSON.stringify(sandbox.requests)).not.toContain('110105198506150022');
	});
});

describe('HTTP level', () => {
	test('methods other than GET and POST get a plain 405', async () => {
		const answer = await sendRaw(sandbox.url, { method: 'PUT', body: '{}' });
		expect(answer.status).toBe(405);
		expect(answer.headers['content-type']).toMatch(/^text\/plain/);
	});

	test('paths other than / get a plain 404', async () => {
		const answer = await sendRaw(sandbox.url, { method: 'POST', path: '/v2/', body: '{}' });
		expect(answer.status).toBe(404);
	});
});

describe('authentication failures, in Tencent order', () => {
	test('missing Authorization → AuthFailure.InvalidAuthorization', async () => {
		const answer = await call({}, (r) => delete r.headers.Authorization);
		expect(errorCode(answer)).toBe('AuthFailure.InvalidAuthorization');
		expect(answer.raw.status).toBe(200);
	});

	test('malformed Authorization → AuthFailure.InvalidAuthorization', async () => {
		const answer = await call({}, (r) => (r.headers.Authorization = 'Bearer abc'));
		expect(errorCode(answer)).toBe('AuthFailure.InvalidAuthorization');
	});

	test('an unsupported signed-header set → AuthFailure.InvalidAuthorization', async () => {
		const answer = await call({}, (r) => {
			r.headers.Authorization = r.headers.Authorization.replace('SignedHeaders=content-type;host', 'SignedHeaders=host');
		});
		expect(errorCode(answer)).toBe('AuthFailure.InvalidAuthorization');
	});

	test('missing X-TC-Action → MissingParameter', async () => {
		const answer = await call({}, (r) => delete r.headers['X-TC-Action']);
		expect(errorCode(answer)).toBe('MissingParameter');
		expect(answer.Response.Error?.Message).toContain('`Action`');
	});

	test('missing X-TC-Version → MissingParameter', async () => {
		const answer = await call({}, (r) => delete r.headers['X-TC-Version']);
		expect(errorCode(answer)).toBe('MissingParameter');
	});

	test('missing X-TC-Timestamp → MissingParameter; non-numeric → InvalidParameter', async () => {
		expect(errorCode(await call({}, (r) => delete r.headers['X-TC-Timestamp']))).toBe('MissingParameter');
		expect(errorCode(await call({}, (r) => (r.headers['X-TC-Timestamp'] = 'yesterday')))).toBe('InvalidParameter');
	});

	test('timestamp 300 s off is accepted, 301 s off (either way) → AuthFailure.SignatureExpire', async () => {
		const now = clock.seconds();
		expect((await call({ timestamp: now - 300 })).Response.Result).toBe('0');
		expect((await call({ timestamp: now + 300 })).Response.Result).toBe('0');
		expect(errorCode(await call({ timestamp: now - 301 }))).toBe('AuthFailure.SignatureExpire');
		expect(errorCode(await call({ timestamp: now + 301 }))).toBe('AuthFailure.SignatureExpire');
	});

	test('an expired timestamp is reported before an unknown SecretId', async () => {
		const answer = await call({ timestamp: clock.seconds() - 1000, secretId: 'AKIDUNKNOWN' });
		expect(errorCode(answer)).toBe('AuthFailure.SignatureExpire');
	});

	test('unknown SecretId → AuthFailure.SecretIdNotFound', async () => {
		const answer = await call({ secretId: 'AKIDUNKNOWN0000000000000000000000000' });
		expect(errorCode(answer)).toBe('AuthFailure.SecretIdNotFound');
		expect(sandbox.requests.at(-1)).toMatchObject({ secretId: 'AKIDUNKNOWN0000000000000000000000000', billable: false });
	});

	test('scope date in UTC+8 local time instead of UTC → AuthFailure.SignatureFailure', async () => {
		const answer = await call({ scopeDate: '2026-01-16' });
		expect(errorCode(answer)).toBe('AuthFailure.SignatureFailure');
	});

	test('scope service other than the action\'s → AuthFailure.SignatureFailure', async () => {
		const answer = await call({ service: 'ocr' });
		expect(errorCode(answer)).toBe('AuthFailure.SignatureFailure');
	});

	test('wrong SecretKey → AuthFailure.SignatureFailure', async () => {
		const answer = await call({ secretKey: 'not-the-key' });
		expect(errorCode(answer)).toBe('AuthFailure.SignatureFailure');
	});

	test('body changed after signing → AuthFailure.SignatureFailure', async () => {
		const answer = await call({}, (r) => (r.body = r.body.replace('张三', '李四')));
		expect(errorCode(answer)).toBe('AuthFailure.SignatureFailure');
	});

	test('GET query changed after signing → AuthFailure.SignatureFailure', async () => {
		const query = canonicalQueryString({ Name: '张三', IdCard: '110105198506150022' });
		const answer = await call({ method: 'GET', query }, (r) => (r.path = r.path.replace('IdCard=', 'IdCard=0')));
		expect(errorCode(answer)).toBe('AuthFailure.SignatureFailure');
	});

	test('Host changed after signing → AuthFailure.SignatureFailure', async () => {
		const answer = await call({}, (r) => (r.headers.Host = 'faceid.tencentcloudapi.com'));
		expect(errorCode(answer)).toBe('AuthFailure.SignatureFailure');
	});

	test('X-TC-Action changed after signing fails the signature only when x-tc-action was signed', async () => {
		const changeAction = (r: { headers: Record<string, string> }) => (r.headers['X-TC-Action'] = 'DescribeInstances');
		const signed = await call({ signedHeaders: ['content-type', 'host', 'x-tc-action'] }, changeAction);
		expect(errorCode(signed)).toBe('AuthFailure.SignatureFailure');
		const unsigned = await call({ signedHeaders: ['content-type', 'host'] }, changeAction);
		expect(errorCode(unsigned)).toBe('InvalidAction');
	});

	test('temporary key without, or with a wrong, X-TC-Token → AuthFailure.TokenFailure', async () => {
		expect(errorCode(await call({ ...TEMPORARY_KEY }))).toBe('AuthFailure.TokenFailure');
		expect(errorCode(await call({ ...TEMPORARY_KEY, token: 'sts-token-2' }))).toBe('AuthFailure.TokenFailure');
	});

	test('permanent key with an X-TC-Token → AuthFailure.TokenFailure', async () => {
		expect(errorCode(await call({ token: 'sts-token-1' }))).toBe('AuthFailure.TokenFailure');
	});
});

describe('action and parameter failures', () => {
	test('unknown action → InvalidAction', async () => {
		expect(errorCode(await call({ action: 'DescribeInstances' }))).toBe('InvalidAction');
	});

	test('wrong X-TC-Version → NoSuchVersion', async () => {
		expect(errorCode(await call({ version: '2017-03-12' }))).toBe('NoSuchVersion');
	});

	test('signed body that is not JSON → InvalidParameter', async () => {
		expect(errorCode(await call({ body: 'Name=张三' }))).toBe('InvalidParameter');
		expect(errorCode(await call({ body: '[1,2]' }))).toBe('InvalidParameter');
	});
});
