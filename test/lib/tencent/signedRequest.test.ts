/**
 * The one assembly of a signed API 3.0 request: URL and Host from the site or the custom endpoint,
 * the service from the action's definition, TC3 signed over content-type, host and x-tc-action,
 * and the optional headers. The signature is checked against a TC3 built by hand here, which is
 * first checked against Tencent's published example.
 */
import { createHash, createHmac } from 'node:crypto';

import { SIGNED_HEADERS, signedRequest, type SignedRequestInput } from '../../../lib/tencent/signedRequest';
import { JSON_CONTENT_TYPE, parseTc3Authorization } from '../../../lib/tencent/signer';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** TC3-HMAC-SHA256 of a POST signed over content-type;host;x-tc-action, from Tencent's description of it. */
function handMadeTc3(input: { secretKey: string; service: string; host: string; action: string; body: string | Buffer; timestamp: number }) {
	const date = new Date(input.timestamp * 1000).toISOString().slice(0, 10);
	const canonicalRequest = [
		'POST',
		'/',
		'',
		`content-type:${JSON_CONTENT_TYPE}`,
		`host:${input.host}`,
		`x-tc-action:${input.action.toLowerCase()}`,
		'',
		'content-type;host;x-tc-action',
		sha256(input.body),
	].join('\n');
	const scope = `${date}/${input.service}/tc3_request`;
	const stringToSign = ['TC3-HMAC-SHA256', String(input.timestamp), scope, sha256(canonicalRequest)].join('\n');
	const signingKey = hmac(hmac(hmac(`TC3${input.secretKey}`, date), input.service), 'tc3_request');
	return { scope, signature: createHmac('sha256', signingKey).update(stringToSign).digest('hex') };
}

const SECRET_ID = 'AKIDsignedRequest000000000000000000';
const SECRET_KEY = 'signedRequestSecretKey00000000000';
const BODY = JSON.stringify({ IdCard: '11010519491231002X', Name: '张三' });
const TIMESTAMP = 1_704_164_645; // 2024-01-02T03:04:05Z

const base: SignedRequestInput = {
	secretId: SECRET_ID,
	secretKey: SECRET_KEY,
	site: 'international',
	action: 'IdCardVerification',
	body: BODY,
	timestamp: TIMESTAMP,
};

test("the hand-made TC3 reproduces Tencent's published example (signed with x-tc-action)", () => {
	const example = handMadeTc3({
		secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
		service: 'cvm',
		host: 'cvm.tencentcloudapi.com',
		action: 'DescribeInstances',
		body: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
		timestamp: 1551113065,
	});
	expect(example.signature).toBe('644be983de9a8a3f00db8eadaba61467c3b429e2215758ba897b738ca469fd26');
});

describe('a FaceID action on the international site', () => {
	const signed = signedRequest(base);

	test('goes to the site host, with exactly the JSON content type, host and timestamp headers', () => {
		expect(signed.url).toBe('https://faceid.intl.tencentcloudapi.com/');
		expect(Object.keys(signed.headers).sort()).toEqual(['Authorization', 'Content-Type', 'Host', 'X-TC-Timestamp']);
		expect(signed.headers).toMatchObject({
			'Content-Type': JSON_CONTENT_TYPE,
			Host: 'faceid.intl.tencentcloudapi.com',
			'X-TC-Timestamp': String(TIMESTAMP),
		});
	});

	test('is signed for faceid over content-type, host and x-tc-action, as computed by hand', () => {
		expect(SIGNED_HEADERS).toEqual(['content-type', 'host', 'x-tc-action']);
		const expected = handMadeTc3({ secretKey: SECRET_KEY, service: 'faceid', host: 'faceid.intl.tencentcloudapi.com', action: 'IdCardVerification', body: BODY, timestamp: TIMESTAMP });
		expect(signed.headers.Authorization).toBe(
			`TC3-HMAC-SHA256 Credential=${SECRET_ID}/${expected.scope}, SignedHeaders=content-type;host;x-tc-action, Signature=${expected.signature}`,
		);
	});
});

test("the OCR generation's action is signed for ocr and sent to the ocr host", () => {
	const signed = signedRequest({ ...base, action: 'ApplyCardVerificationExternal' });
	expect(signed.url).toBe('https://ocr.intl.tencentcloudapi.com/');
	const expected = handMadeTc3({ secretKey: SECRET_KEY, service: 'ocr', host: 'ocr.intl.tencentcloudapi.com', action: 'ApplyCardVerificationExternal', body: BODY, timestamp: TIMESTAMP });
	expect(parseTc3Authorization(signed.headers.Authorization)).toMatchObject({ service: 'ocr', signature: expected.signature });
});

test('the China site has its own host', () => {
	const signed = signedRequest({ ...base, site: 'china' });
	expect(signed.url).toBe('https://faceid.tencentcloudapi.com/');
	expect(signed.headers.Host).toBe('faceid.tencentcloudapi.com');
});

test('a custom endpoint replaces the host, port included, and is what gets signed; the service stays the action\'s', () => {
	const signed = signedRequest({ ...base, customEndpoint: 'http://127.0.0.1:8080' });
	expect(signed.url).toBe('http://127.0.0.1:8080/');
	expect(signed.headers.Host).toBe('127.0.0.1:8080');
	const expected = handMadeTc3({ secretKey: SECRET_KEY, service: 'faceid', host: '127.0.0.1:8080', action: 'IdCardVerification', body: BODY, timestamp: TIMESTAMP });
	expect(parseTc3Authorization(signed.headers.Authorization)?.signature).toBe(expected.signature);
});

test('region, session token and language travel as headers when given, outside the signature', () => {
	const plain = signedRequest(base);
	const full = signedRequest({ ...base, region: 'ap-singapore', sessionToken: 'sts-token', language: 'en-US' });
	expect(full.headers).toMatchObject({ 'X-TC-Region': 'ap-singapore', 'X-TC-Token': 'sts-token', 'X-TC-Language': 'en-US' });
	expect(full.headers.Authorization).toBe(plain.headers.Authorization);
	const blank = signedRequest({ ...base, region: '', sessionToken: '', language: '' });
	expect(Object.keys(blank.headers).sort()).toEqual(['Authorization', 'Content-Type', 'Host', 'X-TC-Timestamp']);
});

test('the bytes are what is signed: a Buffer of the same UTF-8 signs alike, another body or time does not', () => {
	const signature = (input: Partial<SignedRequestInput>) => parseTc3Authorization(signedRequest({ ...base, ...input }).headers.Authorization)?.signature;
	expect(signature({ body: Buffer.from(BODY, 'utf8') })).toBe(signature({}));
	expect(signature({ body: BODY.replace('张三', '李四') })).not.toBe(signature({}));
	expect(signature({ timestamp: TIMESTAMP + 1 })).not.toBe(signature({}));
	expect(signature({ action: 'IdCardOCRVerification' })).not.toBe(signature({}));
});

test('the credential scope date is the UTC date of the timestamp', () => {
	// 2024-01-31T23:59:59Z and one second later.
	const before = parseTc3Authorization(signedRequest({ ...base, timestamp: 1_706_745_599 }).headers.Authorization);
	const after = parseTc3Authorization(signedRequest({ ...base, timestamp: 1_706_745_600 }).headers.Authorization);
	expect(before?.date).toBe('2024-01-31');
	expect(after?.date).toBe('2024-02-01');
});
