import { hostedVerificationCheck, RESULT_WINDOW_MS } from '../../../../../lib/tencent/pendingVerifications/hostedVerification';

function recordingClient() {
	const calls: Array<{ action: string; params: unknown; region?: string }> = [];
	return {
		calls,
		call: async (action: { name: string }, params: unknown, options: { region?: string }) => {
			calls.push({ action: action.name, params, region: options.region });
			return { ErrorCode: 0, Text: { ErrCode: 0 }, RequestId: 'r' };
		},
	};
}

test("each flow asks its own result action: the international one in the token's region, China's with the RuleId and without the video", async () => {
	const client = recordingClient();
	await hostedVerificationCheck({ flow: 'webVerification' }, client as never).requestResult('TOKEN-1234', 'ap-jakarta');
	await hostedVerificationCheck({ flow: 'detectAuth', ruleId: '2' }, client as never).requestResult('TOKEN-5678', '');
	expect(client.calls).toEqual([
		{ action: 'GetWebVerificationResultIntl', params: { BizToken: 'TOKEN-1234' }, region: 'ap-jakarta' },
		{ action: 'GetDetectInfoEnhanced', params: { BizToken: 'TOKEN-5678', RuleId: '2', InfoType: '123' }, region: undefined },
	]);
});

test("the international answer's video is dropped before it can reach the registry, unless kept for a direct result", async () => {
	const client = { call: async () => ({ ErrorCode: 0, VideoBase64: 'AAAA'.repeat(1000), BestFrameBase64: 'BBBB', RequestId: 'r' }) };
	const stored = await hostedVerificationCheck({ flow: 'webVerification' }, client as never).requestResult('TOKEN-1234', 'ap-singapore');
	expect(stored).toEqual({ ErrorCode: 0, VideoBase64: null, BestFrameBase64: 'BBBB', RequestId: 'r' });
	const direct = await hostedVerificationCheck({ flow: 'webVerification' }, client as never, {}, { keepVideo: true }).requestResult('TOKEN-1234', 'ap-singapore');
	expect(String(direct.VideoBase64)).toHaveLength(4000);
});

test('the check ends with the result window, and a link it started is not a verdict', () => {
	const check = hostedVerificationCheck({ flow: 'webVerification' }, recordingClient() as never);
	expect(check.resultWindowMs).toBe(RESULT_WINDOW_MS);
	expect(check.started('r')).toMatchObject({ code: 'LINK_CREATED', billable: false });
	expect(check.interrupted()).toMatchObject({ code: 'LINK_INTERRUPTED', retryable: true });
	expect(check.isFinal({ ErrorCode: null })).toBe(false);
});
