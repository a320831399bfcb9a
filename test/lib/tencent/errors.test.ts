/**
 * The client's one error type and how socket failures are recognised: a code found anywhere on
 * the cause chain, timeouts told apart from failures where no answer came back.
 */
import { isTencentCloudError, isTimeoutCode, socketErrorCode, TencentCloudError } from '../../../lib/tencent/errors';

/** An error as Node's socket layer or undici makes it: a code, maybe under a wrapper's `cause`. */
function socketError(code: string, message = `connect ${code}`): Error & { code: string } {
	return Object.assign(new Error(message), { code });
}

describe('TencentCloudError', () => {
	test('carries every detail it was given and is an Error with its own name', () => {
		const error = new TencentCloudError({
			kind: 'api',
			code: 'AuthFailure.SignatureExpire',
			message: 'Signature expired',
			action: 'IdCardVerification',
			requestId: 'req-1',
			httpStatus: 200,
			serverDate: 'Tue, 02 Jan 2024 03:04:05 GMT',
		});
		expect(error).toBeInstanceOf(Error);
		expect(error.name).toBe('TencentCloudError');
		expect(error.message).toBe('Signature expired');
		expect(error).toMatchObject({
			kind: 'api',
			code: 'AuthFailure.SignatureExpire',
			action: 'IdCardVerification',
			requestId: 'req-1',
			httpStatus: 200,
			serverDate: 'Tue, 02 Jan 2024 03:04:05 GMT',
		});
	});

	test('optional details stay undefined', () => {
		const error = new TencentCloudError({ kind: 'network', code: 'ECONNRESET', message: 'reset', action: 'x' });
		expect(error.requestId).toBeUndefined();
		expect(error.httpStatus).toBeUndefined();
		expect(error.serverDate).toBeUndefined();
	});

	test('isTencentCloudError tells it from other errors, even ones that look alike', () => {
		expect(isTencentCloudError(new TencentCloudError({ kind: 'http', code: 'HTTP502', message: 'bad gateway', action: 'x' }))).toBe(true);
		expect(isTencentCloudError(Object.assign(new Error('x'), { name: 'TencentCloudError', kind: 'api', code: 'X' }))).toBe(false);
		expect(isTencentCloudError({ kind: 'api', code: 'X', message: 'x' })).toBe(false);
		expect(isTencentCloudError(undefined)).toBe(false);
	});
});

describe('socketErrorCode', () => {
	test.each(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT'])(
		'%s is a network failure',
		(code) => {
			expect(socketErrorCode(socketError(code))).toBe(code);
			expect(isTimeoutCode(code)).toBe(false);
		},
	);

	test.each(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'])('%s is a timeout', (code) => {
		expect(socketErrorCode(socketError(code))).toBe(code);
		expect(isTimeoutCode(code)).toBe(true);
	});

	test('found on the cause chain, as undici wraps it ("fetch failed" → cause)', () => {
		const wrapped = new Error('fetch failed', { cause: new Error('other layer', { cause: socketError('ECONNRESET') }) });
		expect(socketErrorCode(wrapped)).toBe('ECONNRESET');
	});

	test('the first known code on the chain wins; unknown codes are passed over', () => {
		const chain = Object.assign(new Error('outer'), { code: 'ERR_SOMETHING', cause: Object.assign(socketError('ETIMEDOUT'), { cause: socketError('ECONNREFUSED') }) });
		expect(socketErrorCode(chain)).toBe('ETIMEDOUT');
	});

	test('looks at most five links deep', () => {
		let error: unknown = socketError('ECONNREFUSED');
		for (let depth = 0; depth < 4; depth++) error = new Error(`wrapper ${depth}`, { cause: error });
		expect(socketErrorCode(error)).toBe('ECONNREFUSED');
		expect(socketErrorCode(new Error('one more', { cause: error }))).toBeUndefined();
	});

	test('no code: an HTTP or plain error, a string, nothing', () => {
		expect(socketErrorCode(new Error('boom'))).toBeUndefined();
		expect(socketErrorCode(Object.assign(new Error('x'), { code: 404 }))).toBeUndefined();
		expect(socketErrorCode('ECONNRESET')).toBeUndefined();
		expect(socketErrorCode(undefined)).toBeUndefined();
		expect(isTimeoutCode(undefined)).toBe(false);
	});

	test('a cyclic cause chain ends', () => {
		const a = new Error('a') as Error & { cause?: unknown };
		const b = new Error('b', { cause: a });
		a.cause = b;
		expect(socketErrorCode(a)).toBeUndefined();
	});
});
