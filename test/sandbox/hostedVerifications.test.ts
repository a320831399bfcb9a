/**
 * The sandbox's hosted verifications over real HTTP: a signed start request, the customer's page
 * opened and its buttons pressed with fetch, the browser's way back (302 to the redirect URL with
 * the token), then the result action's answer per choice, read the way the node reads it.
 */
import { ApplyWebVerificationBizTokenIntl } from '../../lib/tencent/actions/ApplyWebVerificationBizTokenIntl';
import { DetectAuth } from '../../lib/tencent/actions/DetectAuth';
import { GetDetectInfoEnhanced } from '../../lib/tencent/actions/GetDetectInfoEnhanced';
import { GetWebVerificationResultIntl } from '../../lib/tencent/actions/GetWebVerificationResultIntl';
import { outcomeOfHostedResult } from '../../lib/tencent/pendingVerifications/hostedVerification/results';
import { DEFAULT_HOSTED_VERIFICATIONS, SANDBOX_RULE_IDS } from '../../sandbox/actions/hostedVerificationSimulator';
import { TEST_IDENTITIES } from '../../sandbox/identities';
import { openPage, pressButton, startHostedSandbox, type HostedSandbox } from './hostedHelpers';

let hosted: HostedSandbox;
beforeAll(async () => {
	hosted = await startHostedSandbox();
});
afterAll(() => hosted.close());

const UUID_UPPER = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;
const RETURN_INTL = 'https://shop.example/return?order=42';
const RETURN_CHINA = 'https://shop.example/cn/return?ref=abc#top';
const person = TEST_IDENTITIES.find((row) => row.name === 'Wei Xiaobao' && row.result === '0')!;

const startIntl = (extra: Record<string, unknown> = {}) =>
	hosted.client('ap-singapore').call(ApplyWebVerificationBizTokenIntl, { RedirectURL: RETURN_INTL, Extra: 'order-42', ...extra });
const intlResult = (BizToken: string) => hosted.client('ap-singapore').call(GetWebVerificationResultIntl, { BizToken });
const startChina = (extra: Record<string, unknown> = {}) =>
	hosted.client().call(DetectAuth, { RuleId: '1', RedirectUrl: RETURN_CHINA, Name: person.name, IdCard: person.idCard, Extra: 'ref-abc', ...extra });
const chinaResult = (BizToken: string, InfoType = '123', RuleId = '1') => hosted.client().call(GetDetectInfoEnhanced, { BizToken, RuleId, InfoType });

describe('international web verification', () => {
	test('a link to the page; retry, then pass: 302 back with ?token, and a passed, billed result', async () => {
		const started = await startIntl({ Config: { CheckMode: 1 } });
		const token = started.BizToken;
		expect(token).toMatch(UUID_UPPER);
		expect(started.VerificationURL).toBe(`${hosted.sandbox.url}verify/${token}`);
		expect(hosted.sandbox.requests.filter((record) => record.billable)).toEqual([]);
		expect(await intlResult(token)).toMatchObject({ ErrorCode: null, ErrorMsg: null, VerificationDetailList: [] });

		const page = await openPage(started.VerificationURL);
		expect(page.status).toBe(200);
		expect(page.html).toContain('<title>FaceID sandbox verification');
		expect(page.html).toContain(`<form method="post" action="/verify/${token}">`);
		for (const [value, label] of [['pass', 'Pass'], ['fail', 'Fail (face does not match)'], ['retry', 'Try again'], ['abandon', 'Leave']]) {
			expect(page.html).toContain(`<button type="submit" name="choice" value="${value}">${label}</button>`);
		}
		expect(page.html).toContain('International web verification');
		expect(page.html).toMatch(/Attempts so far: <strong id="attempts">0</);
		expect(page.html).not.toMatch(/<(script|link|img)\b/);
		expect(DEFAULT_HOSTED_VERIFICATIONS.session(token)?.openedAt).toEqual(expect.any(Number));

		const retried = await pressButton(started.VerificationURL, 'retry');
		expect(retried.status).toBe(200);
		expect(retried.html).toMatch(/Attempts so far: <strong id="attempts">1</);
		const midway = await intlResult(token);
		expect(midway.ErrorCode).toBeNull();
		expect(midway.VerificationDetailList).toEqual([expect.objectContaining({ ErrorCode: 1003, LivenessErrorCode: 1003, Similarity: null })]);
		expect(outcomeOfHostedResult('webVerification', midway)).toMatchObject({ code: 'IN_PROGRESS' });

		const passed = await pressButton(started.VerificationURL, 'pass');
		expect(passed.status).toBe(302);
		const back = new URL(passed.location!);
		expect(`${back.origin}${back.pathname}`).toBe('https://shop.example/return');
		expect(back.searchParams.get('token')).toBe(token);
		expect(back.searchParams.get('order')).toBe('42');

		const result = await intlResult(token);
		expect(result).toMatchObject({ ErrorCode: 0, ErrorMsg: 'Success', VideoBase64: null, Extra: 'order-42' });
		expect(Buffer.from(result.BestFrameBase64!, 'base64').subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
		expect(result.OCRResult).toEqual([expect.objectContaining({ IsPass: true, CardBackImageBase64: null, NormalCardInfo: { HKIDCard: expect.objectContaining({ EnName: 'CHAN, Tai Man' }) } })]);
		expect(result.VerificationDetailList).toHaveLength(2);
		expect(result.VerificationDetailList![1]).toMatchObject({ ErrorCode: 0, LivenessErrorCode: 0, CompareErrorCode: 0, Similarity: 92.31, ReqTimestamp: expect.any(Number) });
		expect(outcomeOfHostedResult('webVerification', result)).toMatchObject({ status: 'passed', code: '0', billable: true, similarity: 92.31 });
		expect(DEFAULT_HOSTED_VERIFICATIONS.billedVerifications).toContainEqual(expect.objectContaining({ token, choice: 'pass' }));

		const again = await openPage(started.VerificationURL);
		expect([again.status, again.html.includes('This verification is already finished')]).toEqual([200, true]);
		expect((await pressButton(started.VerificationURL, 'pass')).status).toBe(409);
	});

	test.each([
		['fail', 1002, 'Suspected spoofed recording.', { status: 'failed', billable: false }],
		['abandon', 1410, 'User exited voluntarily', { status: 'review', billable: false, retryable: true }],
	] as const)('%s: ErrorCode %d, not billed', async (choice, code, message, outcome) => {
		const { BizToken, VerificationURL } = await startIntl();
		await openPage(VerificationURL);
		const answer = await pressButton(VerificationURL, choice);
		expect(new URL(answer.location!).searchParams.get('token')).toBe(BizToken);
		const result = await intlResult(BizToken);
		expect(result).toMatchObject({ ErrorCode: code, ErrorMsg: message, BestFrameBase64: null });
		expect(result.VerificationDetailList).toHaveLength(choice === 'fail' ? 1 : 0);
		expect(outcomeOfHostedResult('webVerification', result)).toMatchObject({ code: String(code), ...outcome });
		expect(DEFAULT_HOSTED_VERIFICATIONS.billedVerifications.some((billed) => billed.token === BizToken)).toBe(false);
	});

	test('a pass without CheckMode 1 or 4 reads no document: OCRResult []', async () => {
		const { BizToken, VerificationURL } = await startIntl({ Config: { CheckMode: 2 } });
		await pressButton(VerificationURL, 'pass');
		expect((await intlResult(BizToken)).OCRResult).toEqual([]);
	});
});

describe('China DetectAuth', () => {
	test('RuleIds the sandbox knows', () => {
		expect(SANDBOX_RULE_IDS).toEqual(['1', '2']);
	});

	test('retry, then pass: 302 back with ?BizToken, and a passed result with the parts InfoType asks for', async () => {
		const { BizToken, Url } = await startChina();
		expect(BizToken).toMatch(UUID_UPPER);
		expect(Url).toBe(`${hosted.sandbox.url}verify/${BizToken}`);
		expect((await chinaResult(BizToken)).Text).toMatchObject({ ErrCode: 17, ErrMsg: '本次流程未完成', LivenessDetail: [] });

		const page = await openPage(Url!);
		expect(page.html).toContain('China face verification (WeChat), RuleId 1');
		expect(page.html).not.toContain(person.name);
		expect(page.html).not.toContain(person.idCard);
		const retried = await pressButton(Url!, 'retry');
		expect(retried.html).not.toContain(person.idCard);
		expect((await chinaResult(BizToken)).Text).toMatchObject({ ErrCode: 17, LivenessDetail: [expect.objectContaining({ Errcode: 1004, IsNeedCharge: false })] });

		const passed = await pressButton(Url!, 'pass');
		expect(passed.status).toBe(302);
		const back = new URL(passed.location!);
		expect(back.searchParams.get('BizToken')).toBe(BizToken);
		expect([back.pathname, back.searchParams.get('ref'), back.hash]).toEqual(['/cn/return', 'abc', '#top']);

		const result = await chinaResult(BizToken);
		expect(result.Text).toMatchObject({ ErrCode: 0, ErrMsg: '成功', LiveStatus: 0, Comparestatus: 0, Sim: '92.31', Name: person.name, IdCard: person.idCard, Extra: 'ref-abc' });
		const detail = result.Text!.LivenessDetail as Array<Record<string, unknown>>;
		expect(detail.map((entry) => [entry.Errcode, entry.IsNeedCharge])).toEqual([[1004, false], [0, true]]);
		expect(detail[1]).toMatchObject({ ReqTime: expect.stringMatching(/^\d{13}$/), Sim: '92.31', Idcard: person.idCard, Livestatus: 0 });
		expect(result.BestFrame).toEqual({ BestFrame: expect.any(String), BestFrames: [] });
		expect(result.IdCardData).toMatchObject({ OcrFront: expect.any(String) });
		expect(result.VideoData).toBeNull();
		expect(outcomeOfHostedResult('detectAuth', result)).toMatchObject({ status: 'passed', billable: true, similarity: 92.31 });

		expect((await chinaResult(BizToken, '0')).VideoData).toEqual({ LivenessVideo: expect.any(String) });
		const textOnly = await chinaResult(BizToken, '1');
		expect([textOnly.BestFrame, textOnly.IdCardData, textOnly.VideoData]).toEqual([null, null, null]);
	});

	test('fail: 2016, Sim 41.20, billed', async () => {
		const { BizToken, Url } = await startChina({ RuleId: '2' });
		expect((await pressButton(Url!, 'fail')).status).toBe(302);
		const result = await chinaResult(BizToken, '123', '2');
		expect(result.Text).toMatchObject({ ErrCode: 2016, ErrMsg: '无法判断为同一人,请确认身份后重试', Sim: '41.20' });
		expect(result.Text!.LivenessDetail).toEqual([expect.objectContaining({ Errcode: 2016, IsNeedCharge: true })]);
		expect(outcomeOfHostedResult('detectAuth', result)).toMatchObject({ status: 'failed', code: '2016', billable: true });
		expect(DEFAULT_HOSTED_VERIFICATIONS.billedVerifications).toContainEqual(expect.objectContaining({ token: BizToken, flow: 'detectAuth', choice: 'fail' }));
	});

	test('leave: still 17 (China does not know the customer left), not billed', async () => {
		const { BizToken, Url } = await startChina();
		expect(new URL((await pressButton(Url!, 'abandon')).location!).searchParams.get('BizToken')).toBe(BizToken);
		expect((await chinaResult(BizToken)).Text).toMatchObject({ ErrCode: 17 });
		expect(DEFAULT_HOSTED_VERIFICATIONS.billedVerifications.some((billed) => billed.token === BizToken)).toBe(false);
	});

	test('without RedirectUrl the page says the customer may close it; a fictional person is named', async () => {
		const { BizToken, Url } = await hosted.client().call(DetectAuth, { RuleId: '1' });
		const answer = await pressButton(Url!, 'pass');
		expect([answer.status, answer.location]).toEqual([200, null]);
		expect(answer.html).toContain('You may close this page');
		const text = (await chinaResult(BizToken)).Text!;
		expect(TEST_IDENTITIES).toContainEqual(expect.objectContaining({ name: text.Name, idCard: text.IdCard }));
	});
});

describe('the page refuses what a browser should not do', () => {
	test('unknown token: 404 page; unknown choice: 400; PUT: 405', async () => {
		const unknown = `${hosted.sandbox.url}verify/00000000-0000-0000-0000-000000000000`;
		expect((await openPage(unknown)).status).toBe(404);
		expect((await pressButton(unknown, 'pass')).status).toBe(404);
		const { BizToken, VerificationURL } = await startIntl();
		expect((await pressButton(VerificationURL, 'approve')).status).toBe(400);
		expect((await fetch(VerificationURL, { method: 'PUT' })).status).toBe(405);
		expect(DEFAULT_HOSTED_VERIFICATIONS.session(BizToken)?.attempts).toEqual([]);
		expect((await openPage(`${hosted.sandbox.url}verify/<script>`)).html).not.toContain('<script>');
	});
});
