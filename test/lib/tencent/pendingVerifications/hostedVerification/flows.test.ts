import {
	HOSTED_FLOWS,
	HOSTED_VERIFICATION_SITES,
	hostedEntryKind,
	hostedFlowOfSite,
	hostedVerificationQueue,
	isPlausibleToken,
	parseHostedEntryKind,
	redirectUrlProblem,
	returnUrlWithToken,
	tokenFromQuery,
} from '../../../../../lib/tencent/pendingVerifications/hostedVerification/flows';

const WEB = HOSTED_FLOWS.webVerification;
const CHINA = HOSTED_FLOWS.detectAuth;

test('each site has its flow, its start and result actions taken from the definitions', () => {
	expect(HOSTED_VERIFICATION_SITES).toEqual(['china', 'international']);
	expect(hostedFlowOfSite('international')).toBe(WEB);
	expect(hostedFlowOfSite('china')).toBe(CHINA);
	expect([WEB.apply.name, WEB.getResult.name]).toEqual(['ApplyWebVerificationBizTokenIntl', 'GetWebVerificationResultIntl']);
	expect([CHINA.apply.name, CHINA.getResult.name]).toEqual(['DetectAuth', 'GetDetectInfoEnhanced']);
	expect(WEB.regions).toEqual(['ap-singapore', 'ap-hongkong', 'ap-jakarta', 'ap-bangkok', 'sa-saopaulo']);
});

test("China's entry kind carries the RuleId its result is asked with; the international one needs none", () => {
	expect(hostedEntryKind('detectAuth', '7')).toBe('detectAuth:7');
	expect(parseHostedEntryKind('detectAuth:7')).toEqual({ flow: 'detectAuth', ruleId: '7' });
	expect(parseHostedEntryKind(hostedEntryKind('webVerification'))).toEqual({ flow: 'webVerification' });
	expect(parseHostedEntryKind('faceid')).toBeUndefined();
	expect(hostedVerificationQueue('default')).toBe('default:links');
});

test("the redirect gets the flow's token parameter, keeping the URL's own query; a returning browser's token is found under either name", () => {
	expect(returnUrlWithToken(WEB, 'https://n8n.example/webhook/x/faceid-return?lang=en', 'TOK-12345678')).toBe(
		'https://n8n.example/webhook/x/faceid-return?lang=en&token=TOK-12345678',
	);
	expect(returnUrlWithToken(CHINA, 'https://n8n.example/r', 'TOK-12345678')).toBe('https://n8n.example/r?BizToken=TOK-12345678');
	expect(tokenFromQuery({ token: 'A1234567' })).toBe('A1234567');
	expect(tokenFromQuery({ BizToken: [' B1234567 ', 'x'] })).toBe('B1234567');
	expect(tokenFromQuery({ biztoken: 'C1234567' })).toBe('C1234567');
	expect(tokenFromQuery({ other: 'D1234567' })).toBeUndefined();
});

test('only UUID-like tokens are plausible; a redirect URL must be absolute http(s) within the limit', () => {
	expect(isPlausibleToken('81EEF678-28EE-4759-A82E-6CBBBE6BC442')).toBe(true);
	for (const bad of ['short', '<script>alert(1)</script>', 'a b c d e f g h', 'x'.repeat(129)]) expect([bad, isPlausibleToken(bad)]).toEqual([bad, false]);
	expect(redirectUrlProblem(WEB, 'https://example.com/done')).toBeUndefined();
	expect(redirectUrlProblem(WEB, '/relative')).toBe('is not an absolute URL');
	expect(redirectUrlProblem(WEB, 'javascript:alert(1)')).toBe('must start with https:// or http://');
	expect(redirectUrlProblem(WEB, `https://example.com/${'a'.repeat(1100)}`)).toMatch(/longer than Tencent's 1024/);
});
