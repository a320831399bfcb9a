import { TencentCloudError } from '../../../../../lib/tencent/errors';
import {
	classifyHostedResultFailure,
	hostedAttempts,
	hostedExpired,
	hostedRefused,
	isFinalHostedResult,
	outcomeOfHostedResult,
} from '../../../../../lib/tencent/pendingVerifications/hostedVerification/results';

test('the international result: null is in progress; attempts are read from VerificationDetailList, oldest first', () => {
	const answer = {
		ErrorCode: 0,
		VerificationDetailList: [
			{ ErrorCode: 1003, ErrorMsg: 'liveness failed', LivenessErrorCode: 1003, ReqTimestamp: 1000 },
			{ ErrorCode: 0, ErrorMsg: 'Success', LivenessErrorCode: 0, CompareErrorCode: 0, Similarity: 91.2, ReqTimestamp: 2000 },
		],
	};
	expect(isFinalHostedResult('webVerification', { ErrorCode: null })).toBe(false);
	expect(isFinalHostedResult('webVerification', answer)).toBe(true);
	expect(hostedAttempts('webVerification', answer)).toEqual([
		{ code: 1003, message: 'liveness failed', livenessCode: 1003, at: 1000 },
		{ code: 0, message: 'Success', livenessCode: 0, compareCode: 0, similarity: 91.2, at: 2000 },
	]);
	expect(outcomeOfHostedResult('webVerification', answer)).toMatchObject({ status: 'passed', similarity: 91.2, description: expect.stringContaining('after 2 attempts') });
});

test("China: an attempt Tencent charged makes the item billed even where the code's page does not; Sim is the similarity", () => {
	const answer = { Text: { ErrCode: 1004, Sim: '40.5', LivenessDetail: [{ Errcode: 1004, IsNeedCharge: true, Sim: '40.5', ReqTime: '1700000000000' }] } };
	expect(outcomeOfHostedResult('detectAuth', answer)).toMatchObject({ status: 'review', billable: true, similarity: 40.5 });
	expect(outcomeOfHostedResult('detectAuth', { Text: null })).toMatchObject({ code: 'IN_PROGRESS', billable: false });
	expect(hostedAttempts('detectAuth', answer)).toEqual([{ code: 1004, similarity: 40.5, billed: true, at: '1700000000000' }]);
});

test('an expired token is EXPIRED (send a new link); another refusal goes to a human, not retried', () => {
	const error = (code: string) => new TencentCloudError({ kind: 'api', code, message: code, action: 'x', requestId: 'r' });
	expect(hostedRefused(error('InvalidParameterValue.BizTokenExpired'))).toMatchObject({ code: 'EXPIRED', retryable: true, status: 'review' });
	expect(hostedRefused(error('InvalidParameterValue.BizTokenIllegal'))).toMatchObject({ code: 'InvalidParameterValue.BizTokenIllegal', retryable: false });
	// Whether a never-read verification was billed cannot be known: it counts as billed, so a new link is not bought unknowingly.
	expect(hostedExpired({})).toMatchObject({ code: 'EXPIRED', billable: true, description: expect.stringContaining('3-day') });
});

test('only an answer about the token ends it; a wrong site, account or region concerns every token; the rest is asked again', () => {
	const error = (code: string) => new TencentCloudError({ kind: 'api', code, message: code, action: 'x', requestId: 'r' });
	const classes = Object.fromEntries(
		['InvalidParameterValue.BizTokenExpired', 'InvalidParameterValue.BizTokenIllegal', 'InvalidAction', 'AuthFailure.SecretIdNotFound', 'UnsupportedRegion', 'InvalidParameterValue.RuleIdNotExist', 'RequestLimitExceeded', 'InternalError', 'FailedOperation.UnKnown'].map((code) => [code, classifyHostedResultFailure(error(code))]),
	);
	expect(classes).toEqual({
		'InvalidParameterValue.BizTokenExpired': 'token',
		'InvalidParameterValue.BizTokenIllegal': 'token',
		InvalidAction: 'configuration',
		'AuthFailure.SecretIdNotFound': 'configuration',
		UnsupportedRegion: 'configuration',
		'InvalidParameterValue.RuleIdNotExist': 'configuration',
		RequestLimitExceeded: 'transient',
		InternalError: 'transient',
		'FailedOperation.UnKnown': 'transient',
	});
	expect(classifyHostedResultFailure(new Error('socket hang up'))).toBe('transient');
});
