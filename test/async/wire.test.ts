/**
 * What the document operations put on the wire, with no custom endpoint: nock stands at Tencent's
 * own hosts. The OCR generation goes to ocr.intl.tencentcloudapi.com, signed for service `ocr`
 * and version 2018-11-19; the faceid generation to faceid.intl…; the body is exactly the
 * documented parameters; the signature verifies against the bytes sent.
 */
import nock from 'nock';

import { parseTc3Authorization, signTc3 } from '../../lib/tencent/signer';
import { SANDBOX_CREDENTIALS } from '../../sandbox/server';
import { testJpeg, testPng } from '../../sandbox/actions/testImages';
import { runFaceIdItems } from '../support/documentCheckWorkflows';

interface Captured {
	host: string;
	body: string;
	headers: Record<string, string>;
}

function answer(host: string, response: Record<string, unknown>): Captured[] {
	const seen: Captured[] = [];
	const scope = nock(`https://${host}`)
		.post('/')
		.reply(200, JSON.stringify({ Response: { ...response, RequestId: 'wire-1' } }), { 'Content-Type': 'application/json' });
	scope.on('request', (req: Request, _interceptor: unknown, body: string) => {
		seen.push({ host, body, headers: Object.fromEntries(req.headers.entries()) });
	});
	return seen;
}

/** Recomputes the TC3 signature from what was sent: the scope names the service, the body is what was signed. */
function expectSigned(sent: Captured, service: string): void {
	const authorization = parseTc3Authorization(sent.headers.authorization);
	expect(authorization).toMatchObject({ service, secretId: SANDBOX_CREDENTIALS.secretId });
	const expected = signTc3({
		secretId: SANDBOX_CREDENTIALS.secretId,
		secretKey: SANDBOX_CREDENTIALS.secretKey,
		service,
		host: sent.host,
		method: 'POST',
		payload: sent.body,
		contentType: sent.headers['content-type'],
		timestamp: Number(sent.headers['x-tc-timestamp']),
		action: sent.headers['x-tc-action'],
		signedHeaders: authorization!.signedHeaders,
	});
	expect(authorization!.signature).toBe(expected.signature);
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const FRONT = testJpeg();
const BACK = testPng();

test('faceid generation: ApplyCardVerification on faceid.intl, the documented body and nothing else', async () => {
	const seen = answer('faceid.intl.tencentcloudapi.com', {
		CardVerificationToken: 'cv-wire',
		AsyncCardVerificationMaxPollingTimes: 10,
		AsyncCardVerificationPollingWaitTime: 5,
	});
	const { outputs, result } = await runFaceIdItems(
		'',
		{
			operation: 'applyCardVerification',
			apiGeneration: 'faceid',
			cardRegion: 'ap-hongkong',
			nationality: 'HKG',
			cardType: 'ID_CARD',
			documentFrontSource: 'url',
			documentFrontUrl: 'https://kyc.example.com/front.jpg',
			includeBackSide: true,
			documentBackSource: 'base64',
			documentBackBase64: BACK.toString('base64'),
			waitForResult: false,
			registry: 'none',
		},
		[{}],
	);
	expect(result.error).toBeUndefined();
	expect(seen).toHaveLength(1);
	const [sent] = seen;
	expect(sent.body).toBe(
		JSON.stringify({ Nationality: 'HKG', CardType: 'ID_CARD', ImageUrlFront: 'https://kyc.example.com/front.jpg', ImageBase64Back: BACK.toString('base64') }),
	);
	expect(sent.headers).toMatchObject({ 'x-tc-action': 'ApplyCardVerification', 'x-tc-version': '2018-03-01', 'x-tc-region': 'ap-hongkong' });
	expectSigned(sent, 'faceid');
	expect(outputs[2][0].json).toMatchObject({ CardVerificationToken: 'cv-wire', verification: { delivery: 'token only in this item (no registry)' } });
});

test('OCR generation: ApplyCardVerificationExternal and GetCardVerificationExternalResult on ocr.intl, signed for service ocr', async () => {
	const applied = answer('ocr.intl.tencentcloudapi.com', { CardVerificationToken: 'ext-wire' });
	await runFaceIdItems(
		'',
		{
			operation: 'applyCardVerification',
			apiGeneration: 'ocr',
			cardRegion: 'ap-singapore',
			nationality: 'SGP',
			cardType: 'RESIDENCE_PERMIT',
			documentFrontSource: 'base64',
			documentFrontBase64: FRONT.toString('base64'),
			returnHeadImage: true,
			waitForResult: false,
			registry: 'none',
		},
		[{}],
	);
	expect(applied).toHaveLength(1);
	expect(applied[0].body).toBe(JSON.stringify({ Nationality: 'SGP', CardType: 'RESIDENCE_PERMIT', ImageBase64Front: FRONT.toString('base64'), ReturnHeadImage: true }));
	expect(applied[0].headers).toMatchObject({ 'x-tc-action': 'ApplyCardVerificationExternal', 'x-tc-version': '2018-11-19', 'x-tc-region': 'ap-singapore' });
	expectSigned(applied[0], 'ocr');

	const portrait = testJpeg();
	const got = answer('ocr.intl.tencentcloudapi.com', {
		Status: 'COMPLETED',
		WarnInfo: [],
		CardInfo: { FullName: 'TAN AH KOW' },
		CardVerificationToken: 'ext-wire',
		HeadImageBase64: portrait.toString('base64'),
	});
	const { outputs } = await runFaceIdItems(
		'',
		{ operation: 'getCardVerificationResult', apiGeneration: 'ocr', cardRegion: 'ap-singapore', cardVerificationToken: 'ext-wire' },
		[{}],
	);
	expect(got[0].body).toBe('{"CardVerificationToken":"ext-wire"}');
	expect(got[0].headers).toMatchObject({ 'x-tc-action': 'GetCardVerificationExternalResult', 'x-tc-version': '2018-11-19' });
	expectSigned(got[0], 'ocr');
	const [item] = outputs[0];
	// The portrait became a file, not base64 in the JSON.
	expect(item.json.HeadImageBase64).toBeUndefined();
	expect(Buffer.from(String(item.binary?.headImage.data), 'base64').equals(portrait)).toBe(true);
	expect(item.json).toMatchObject({ Status: 'COMPLETED', CardInfo: { FullName: 'TAN AH KOW' }, outcome: { status: 'passed' } });
});
