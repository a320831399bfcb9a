/** The hint shown under an error: what the user can do about the code Tencent (or the network) returned. */
import { hintForErrorCode } from '../../../lib/tencent/errorHints';

describe('hintForErrorCode', () => {
	test('SignatureExpire points at the clock', () => {
		const hint = hintForErrorCode('AuthFailure.SignatureExpire');
		expect(hint).toBeDefined();
		expect(hint).toMatch(/clock/i);
		expect(hint).toMatch(/NTP/);
	});

	test.each([
		['AuthFailure.SignatureFailure', /SecretKey/],
		['AuthFailure.SecretIdNotFound', /SecretId/],
		['RequestLimitExceeded.UinLimitExceeded', /Too many requests/],
		['HTTP502', /temporary/],
		['InvalidResponse.NotJson', /endpoint/],
		['ENOTFOUND', /could not be reached/],
	])('%s has its own hint', (code, pattern) => {
		expect(hintForErrorCode(code)).toMatch(pattern);
	});

	test('the clock hint is only for SignatureExpire', () => {
		expect(hintForErrorCode('AuthFailure.SignatureFailure')).not.toMatch(/clock/i);
		expect(hintForErrorCode('AuthFailure.SignatureExpired')).toBeUndefined();
	});

	test('an unknown code has no hint', () => {
		expect(hintForErrorCode('FailedOperation.SomethingNew')).toBeUndefined();
	});
});

describe('which codes get which hint', () => {
	test.each([
		['AuthFailure.InvalidSecretId', /SecretId/],
		['AuthFailure.TokenFailure', /session token/],
		['AuthFailure.UnauthorizedOperation', /CAM policy/],
		['UnauthorizedOperation.Nonactivated', /Activate FaceID/],
		['UnauthorizedOperation.Arrears', /arrears/],
		['UnsupportedRegion', /region/],
		['InvalidParameterValue.Region', /region/],
		['InternalError', /temporary/],
		['ServiceUnavailable', /temporary/],
		['MissingParameter', /field was rejected/],
		['InvalidParameterValue', /field was rejected/],
		['ECONNREFUSED', /could not be reached/],
		['NetworkError', /could not be reached/],
	])('%s → %s', (code, pattern) => {
		expect(hintForErrorCode(code)).toMatch(pattern);
	});

	test('the region hint wins over the generic parameter hint for InvalidParameterValue.Region', () => {
		expect(hintForErrorCode('InvalidParameterValue.Region')).not.toBe(hintForErrorCode('InvalidParameterValue'));
	});

	test('codes are matched whole or by their documented prefix, case-sensitively', () => {
		expect(hintForErrorCode('HTTP500')).toBeUndefined();
		expect(hintForErrorCode('authfailure.signatureexpire')).toBeUndefined();
		expect(hintForErrorCode('XAuthFailure.SignatureFailure')).toBeUndefined();
		expect(hintForErrorCode('RequestLimitExceeded')).toBe(hintForErrorCode('RequestLimitExceeded.UinLimitExceeded'));
	});
});
