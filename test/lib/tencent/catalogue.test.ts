/**
 * The lists the package derives from its action definitions: lookup by name, the credential test's
 * probe, the service each action is signed for, the verdict tables and the documented rate limits.
 */
import * as definitions from '../../../lib/tencent/actions';
import { ApplyCardVerificationExternal } from '../../../lib/tencent/actions/ApplyCardVerificationExternal';
import { IdCardVerification } from '../../../lib/tencent/actions/IdCardVerification';
import {
	ACTIONS,
	CREDENTIAL_PROBE,
	DEFAULT_RATE_LIMIT,
	DOCUMENTED_RATE_LIMITS,
	documentedRateLimit,
	effectiveRateLimit,
	findAction,
	OUTCOME_TABLES,
	serviceForAction,
} from '../../../lib/tencent/catalogue';

describe('ACTIONS and findAction', () => {
	test('every definition of actions/index.ts, once, each under its own name', () => {
		expect([...ACTIONS].sort((a, b) => a.name.localeCompare(b.name))).toEqual(
			Object.values(definitions).sort((a, b) => a.name.localeCompare(b.name)),
		);
		expect(new Set(ACTIONS.map((action) => action.name)).size).toBe(ACTIONS.length);
		for (const [exportName, definition] of Object.entries(definitions)) expect(definition.name).toBe(exportName);
	});

	test('finds a definition by its Tencent name, the very object of its module; nothing for other names', () => {
		expect(findAction('IdCardVerification')).toBe(IdCardVerification);
		expect(findAction('ApplyCardVerificationExternal')).toBe(ApplyCardVerificationExternal);
		expect(findAction('idcardverification')).toBeUndefined();
		expect(findAction('')).toBeUndefined();
	});
});

test('the credential test probes the one action marked for it: IdCardVerification, which Tencent answers MissingParameter without parameters', () => {
	expect(ACTIONS.filter((action) => action.credentialProbe)).toEqual([CREDENTIAL_PROBE]);
	expect(CREDENTIAL_PROBE).toBe(IdCardVerification);
});

describe('serviceForAction', () => {
	test("each action is signed for its own service: the OCR generation's for ocr, the rest for faceid", () => {
		const services = Object.fromEntries(ACTIONS.map((action) => [action.name, serviceForAction(action.name)]));
		expect(services).toEqual({
			ApplyCardVerification: 'faceid',
			ApplyCardVerificationExternal: 'ocr',
			ApplyWebVerificationBizTokenIntl: 'faceid',
			BankCard2EVerification: 'faceid',
			BankCard4EVerification: 'faceid',
			BankCardVerification: 'faceid',
			CheckBankCardInformation: 'faceid',
			CheckIdCardInformation: 'faceid',
			CheckIdNameDate: 'faceid',
			CheckPhoneAndName: 'faceid',
			CompareFaceLiveness: 'faceid',
			DetectAIFakeFaces: 'faceid',
			DetectAuth: 'faceid',
			GetCardVerificationExternalResult: 'ocr',
			GetCardVerificationResult: 'faceid',
			GetDetectInfoEnhanced: 'faceid',
			GetWebVerificationResultIntl: 'faceid',
			IdCardOCRVerification: 'faceid',
			IdCardVerification: 'faceid',
			ImageRecognitionV2: 'faceid',
			LivenessCompare: 'faceid',
			MobileNetworkTimeVerification: 'faceid',
			MobileStatus: 'faceid',
			PhoneVerification: 'faceid',
		});
	});

	test('an unknown or missing action is signed for faceid', () => {
		expect(serviceForAction('SandboxOnlyAction')).toBe('faceid');
		expect(serviceForAction(undefined)).toBe('faceid');
		expect(serviceForAction('')).toBe('faceid');
	});
});

test('OUTCOME_TABLES holds the table of each action answering with a Result code, and no entry for the document-check steps', () => {
	const withTable = ACTIONS.filter((action) => action.outcomes);
	expect(Object.keys(OUTCOME_TABLES).sort()).toEqual(withTable.map((action) => action.name).sort());
	for (const action of withTable) expect(OUTCOME_TABLES[action.name]).toBe(action.outcomes);
	for (const action of ACTIONS.filter((candidate) => candidate.pendingCheck)) expect(OUTCOME_TABLES).not.toHaveProperty(action.name);
	expect(Object.keys(OUTCOME_TABLES).sort()).toEqual([
		'BankCard2EVerification',
		'BankCard4EVerification',
		'BankCardVerification',
		'CheckBankCardInformation',
		'CheckIdCardInformation',
		'CheckIdNameDate',
		'CheckPhoneAndName',
		'CompareFaceLiveness',
		'DetectAIFakeFaces',
		'IdCardOCRVerification',
		'IdCardVerification',
		'ImageRecognitionV2',
		'LivenessCompare',
		'MobileNetworkTimeVerification',
		'MobileStatus',
		'PhoneVerification',
	]);
});

describe('rate limits', () => {
	test("Tencent's documented limits: 100/s; 20/s for ImageRecognitionV2, GetCardVerificationExternalResult, CompareFaceLiveness, DetectAIFakeFaces (undocumented: the lowest face limit), the international hosted verification's two steps and the element checks", () => {
		expect(documentedRateLimit('IdCardVerification')).toBe(100);
		expect(documentedRateLimit('CheckIdCardInformation')).toBe(100);
		expect(documentedRateLimit('ImageRecognitionV2')).toBe(20);
		expect(documentedRateLimit('GetCardVerificationExternalResult')).toBe(20);
		expect(DOCUMENTED_RATE_LIMITS).toEqual({
			ImageRecognitionV2: 20,
			GetCardVerificationExternalResult: 20,
			BankCard4EVerification: 20,
			BankCardVerification: 20,
			BankCard2EVerification: 20,
			MobileStatus: 20,
			MobileNetworkTimeVerification: 20,
			CheckPhoneAndName: 20,
			CheckBankCardInformation: 20,
			CheckIdNameDate: 20,
			PhoneVerification: 20,
			CompareFaceLiveness: 20,
			DetectAIFakeFaces: 20,
			ApplyWebVerificationBizTokenIntl: 20,
			GetWebVerificationResultIntl: 20,
		});
	});

	test('an action the catalogue does not know gets the usual 100/s', () => {
		expect(DEFAULT_RATE_LIMIT).toBe(100);
		expect(documentedRateLimit('SandboxOnlyAction')).toBe(DEFAULT_RATE_LIMIT);
	});

	test('the user can lower the limit, not raise it; 0 means the documented limit', () => {
		expect(effectiveRateLimit('IdCardVerification', 0)).toBe(100);
		expect(effectiveRateLimit('IdCardVerification', 30)).toBe(30);
		expect(effectiveRateLimit('IdCardVerification', 500)).toBe(100);
		expect(effectiveRateLimit('ImageRecognitionV2', 50)).toBe(20);
		expect(effectiveRateLimit('ImageRecognitionV2', 2.5)).toBe(2.5);
	});

	test('no limit, or a negative one, means the documented limit', () => {
		expect(effectiveRateLimit('ImageRecognitionV2')).toBe(20);
		expect(effectiveRateLimit('ImageRecognitionV2', -5)).toBe(20);
		expect(effectiveRateLimit('SandboxOnlyAction', 7)).toBe(7);
	});
});
