/**
 * The hosted verifications' time windows on the sandbox clock (10 minutes / 7200 s to start, 30
 * minutes to finish an opened web verification, 3 days to read a result), Tencent's refusals of
 * start and result requests, and a simulator of a test's own behind `startSandbox({ actions })`.
 */
import { ApplyWebVerificationBizTokenIntl } from '../../lib/tencent/actions/ApplyWebVerificationBizTokenIntl';
import { DetectAuth } from '../../lib/tencent/actions/DetectAuth';
import { GetDetectInfoEnhanced } from '../../lib/tencent/actions/GetDetectInfoEnhanced';
import { GetWebVerificationResultIntl } from '../../lib/tencent/actions/GetWebVerificationResultIntl';
import { hostedVerificationActions } from '../../sandbox/actions/hostedVerificationActions';
import { DEFAULT_HOSTED_VERIFICATIONS } from '../../sandbox/actions/hostedVerificationSimulator';
import { apiError, DAY, MINUTE, openPage, pressButton, startHostedSandbox, type HostedSandbox } from './hostedHelpers';

let hosted: HostedSandbox;
beforeEach(async () => {
	hosted = await startHostedSandbox();
});
afterEach(() => hosted.close());

const intl = () => hosted.client('ap-hongkong');
const startIntl = () => intl().call(ApplyWebVerificationBizTokenIntl, { RedirectURL: 'https://shop.example/back' });
const intlResult = (BizToken: string) => intl().call(GetWebVerificationResultIntl, { BizToken });
const startChina = () => hosted.client().call(DetectAuth, { RuleId: '1', RedirectUrl: 'https://shop.example/cn' });
const chinaResult = (BizToken: string, RuleId = '1') => hosted.client().call(GetDetectInfoEnhanced, { BizToken, RuleId, InfoType: '1' });

describe('time windows', () => {
	test('international, never opened: in progress for 10 minutes, then 15 "Token expired" and a 410 page', async () => {
		const { BizToken, VerificationURL } = await startIntl();
		hosted.advance(10 * MINUTE - 2000);
		expect((await intlResult(BizToken)).ErrorCode).toBeNull();
		hosted.advance(3000);
		expect(await intlResult(BizToken)).toMatchObject({ ErrorCode: 15, ErrorMsg: 'Token expired' });
		const page = await openPage(VerificationURL);
		expect(page.status).toBe(410);
		expect(page.html).toContain('This link has expired');
		expect((await pressButton(VerificationURL, 'pass')).status).toBe(410);
		expect(DEFAULT_HOSTED_VERIFICATIONS.session(BizToken)?.openedAt).toBeUndefined();
	});

	test('international, opened but unfinished: in progress for 30 minutes, then 1409', async () => {
		const { BizToken, VerificationURL } = await startIntl();
		hosted.advance(9 * MINUTE);
		await openPage(VerificationURL);
		await pressButton(VerificationURL, 'retry');
		hosted.advance(30 * MINUTE - 2000);
		expect(await intlResult(BizToken)).toMatchObject({ ErrorCode: null, VerificationDetailList: [expect.objectContaining({ ErrorCode: 1003 })] });
		hosted.advance(3000);
		expect(await intlResult(BizToken)).toMatchObject({ ErrorCode: 1409, ErrorMsg: 'Verification process timed out' });
		expect((await openPage(VerificationURL)).status).toBe(410);
	});

	test('China: 17 for 7200 s whether opened or not, then 15', async () => {
		const unopened = await startChina();
		const opened = await startChina();
		await openPage(opened.Url!);
		hosted.advance(7_200_000 - 2000);
		expect((await chinaResult(unopened.BizToken)).Text).toMatchObject({ ErrCode: 17 });
		expect((await chinaResult(opened.BizToken)).Text).toMatchObject({ ErrCode: 17 });
		hosted.advance(3000);
		for (const { BizToken } of [unopened, opened]) {
			expect((await chinaResult(BizToken)).Text).toMatchObject({ ErrCode: 15, ErrMsg: 'Token 过期,请重试' });
		}
		expect((await openPage(unopened.Url!)).status).toBe(410);
	});

	test('a result is readable for 3 days, then BizTokenExpired (both flows)', async () => {
		const web = await startIntl();
		const china = await startChina();
		await pressButton(web.VerificationURL, 'pass');
		await pressButton(china.Url!, 'pass');
		hosted.advance(3 * DAY - MINUTE);
		expect((await intlResult(web.BizToken)).ErrorCode).toBe(0);
		expect((await chinaResult(china.BizToken)).Text).toMatchObject({ ErrCode: 0 });
		hosted.advance(2 * MINUTE);
		expect((await apiError(intlResult(web.BizToken))).code).toBe('InvalidParameterValue.BizTokenExpired');
		expect((await apiError(chinaResult(china.BizToken))).code).toBe('InvalidParameterValue.BizTokenExpired');
	});
});

describe('refusals', () => {
	test('unknown tokens, and a token of the other flow, are BizTokenIllegal', async () => {
		const unknown = '11111111-2222-3333-4444-555555555555';
		expect((await apiError(intlResult(unknown))).code).toBe('InvalidParameterValue.BizTokenIllegal');
		expect((await apiError(chinaResult(unknown))).code).toBe('InvalidParameterValue.BizTokenIllegal');
		const { BizToken } = await startIntl();
		expect((await apiError(chinaResult(BizToken))).code).toBe('InvalidParameterValue.BizTokenIllegal');
	});

	test('international start: region, RedirectURL and Extra are checked', async () => {
		const call = (params: Record<string, unknown>, region = 'ap-singapore') =>
			apiError(hosted.client(region).call(ApplyWebVerificationBizTokenIntl, { RedirectURL: 'https://shop.example/', ...params }));
		expect((await call({}, 'ap-guangzhou')).code).toBe('UnsupportedRegion');
		expect((await apiError(hosted.client().call(ApplyWebVerificationBizTokenIntl, { RedirectURL: 'https://shop.example/' }))).code).toBe('UnsupportedRegion');
		expect((await call({ RedirectURL: undefined })).code).toBe('MissingParameter');
		for (const RedirectURL of ['ftp://shop.example/', '/return', `https://shop.example/${'a'.repeat(1004)}`]) {
			const error = await call({ RedirectURL });
			expect([error.code, error.message.includes('RedirectURL')]).toEqual(['InvalidParameterValue', true]);
		}
		expect((await call({ Extra: 'x'.repeat(1001) })).code).toBe('InvalidParameterValue');
		// The limits themselves are accepted: 1,024 characters of URL, 1,000 of Extra.
		const longest = { RedirectURL: `https://shop.example/${'a'.repeat(1003)}`, Extra: 'x'.repeat(1000) };
		await expect(hosted.client('ap-singapore').call(ApplyWebVerificationBizTokenIntl, longest)).resolves.toMatchObject({ BizToken: expect.any(String) });
	});

	test('China: unknown RuleId on start, another RuleId on the result', async () => {
		expect((await apiError(hosted.client().call(DetectAuth, { RuleId: '3' }))).code).toBe('InvalidParameterValue.RuleIdNotExist');
		expect((await apiError(hosted.client().call(DetectAuth, { RuleId: '1', RedirectUrl: 'javascript:alert(1)' }))).code).toBe('InvalidParameterValue');
		const { BizToken } = await startChina();
		expect((await apiError(chinaResult(BizToken, '2'))).code).toBe('InvalidParameterValue.RuleIdNotExist');
	});
});

test("a test's own simulator: its sessions, its page, and choices made without a browser", async () => {
	const own = hostedVerificationActions();
	const separate = await startHostedSandbox(own.actions);
	try {
		const { BizToken, VerificationURL } = await separate.client('ap-singapore').call(ApplyWebVerificationBizTokenIntl, { RedirectURL: 'https://shop.example/' });
		expect(own.simulator.session(BizToken)).toMatchObject({ flow: 'webVerification', redirectUrl: 'https://shop.example/' });
		expect(DEFAULT_HOSTED_VERIFICATIONS.session(BizToken)).toBeUndefined();
		expect((await openPage(VerificationURL)).status).toBe(200);
		own.simulator.choose(BizToken, 'retry');
		own.simulator.choose(BizToken, 'pass');
		expect(own.simulator.returnUrl(BizToken)).toBe(`https://shop.example/?token=${BizToken}`);
		const result = await separate.client('ap-singapore').call(GetWebVerificationResultIntl, { BizToken });
		expect([result.ErrorCode, result.VerificationDetailList?.length]).toEqual([0, 2]);
		expect(own.simulator.billedVerifications).toEqual([expect.objectContaining({ token: BizToken, flow: 'webVerification' })]);
		expect(() => own.simulator.choose(BizToken, 'fail')).toThrow('already finished');
	} finally {
		await separate.close();
	}
});
