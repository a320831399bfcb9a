import { execFileSync } from 'child_process';
import { createHash, createHmac } from 'crypto';
import * as path from 'path';

import {
	canonicalQueryString,
	deriveSigningKey,
	FORM_CONTENT_TYPE,
	JSON_CONTENT_TYPE,
	parseTc3Authorization,
	rfc3986Encode,
	sha256Hex,
	signTc3,
	tc3Date,
	type Tc3SignInput,
} from '../../../lib/tencent/signer';

/** Tencent's "Signature v3" worked example (service cvm); the SecretId is masked there and unsigned. */
const EXAMPLE_SECRET_ID = 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE';
const EXAMPLE_SECRET_KEY = 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE';
const EXAMPLE_BODY =
	'{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}';
const EXAMPLE_BODY_SHA256 = '35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064';
const EXAMPLE_CANONICAL_REQUEST_SHA256 = '5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031';
const EXAMPLE_SIGNATURE = '72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168';
const EXAMPLE_SIGNATURE_WITH_ACTION = '644be983de9a8a3f00db8eadaba61467c3b429e2215758ba897b738ca469fd26';
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const example: Tc3SignInput = {
	secretId: EXAMPLE_SECRET_ID,
	secretKey: EXAMPLE_SECRET_KEY,
	service: 'cvm',
	host: 'cvm.tencentcloudapi.com',
	method: 'POST',
	payload: EXAMPLE_BODY,
	contentType: 'application/json; charset=utf-8',
	timestamp: 1551113065,
	action: 'DescribeInstances',
};

/** Independent implementation of the TC3 key chain and final HMAC, straight from the spec. */
function manualSignature(secretKey: string, date: string, service: string, stringToSign: string): string {
	const kDate = createHmac('sha256', `TC3${secretKey}`).update(date).digest();
	const kService = createHmac('sha256', kDate).update(service).digest();
	const kSigning = createHmac('sha256', kService).update('tc3_request').digest();
	return createHmac('sha256', kSigning).update(stringToSign).digest('hex');
}

describe("Tencent's published signature v3 example", () => {
	test('the body is byte-exact (\\u escapes kept literally, ASCII only)', () => {
		const bytes = Buffer.from(EXAMPLE_BODY, 'utf8');
		expect(bytes.length).toBe(86);
		expect(bytes.every((b) => b < 0x80)).toBe(true);
		expect(EXAMPLE_BODY).toContain('\\u672a\\u547d\\u540d');
		expect(sha256Hex(EXAMPLE_BODY)).toBe(EXAMPLE_BODY_SHA256);
		expect(sha256Hex(bytes)).toBe(EXAMPLE_BODY_SHA256);
	});

	test('signed headers content-type;host: canonical request, string to sign and signature', () => {
		const signed = signTc3(example);
		expect(signed.canonicalRequest).toBe(
			[
				'POST',
				'/',
				'',
				'content-type:application/json; charset=utf-8',
				'host:cvm.tencentcloudapi.com',
				'',
				'content-type;host',
				EXAMPLE_BODY_SHA256,
			].join('\n'),
		);
		expect(sha256Hex(signed.canonicalRequest)).toBe(EXAMPLE_CANONICAL_REQUEST_SHA256);
		expect(signed.stringToSign).toBe(
			`TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n${EXAMPLE_CANONICAL_REQUEST_SHA256}`,
		);
		expect(signed.date).toBe('2019-02-25');
		expect(signed.credentialScope).toBe('2019-02-25/cvm/tc3_request');
		expect(signed.signedHeaders).toBe('content-type;host');
		expect(signed.signature).toBe(EXAMPLE_SIGNATURE);
		expect(signed.authorization).toBe(
			`TC3-HMAC-SHA256 Credential=${EXAMPLE_SECRET_ID}/2019-02-25/cvm/tc3_request, ` +
				`SignedHeaders=content-type;host, Signature=${EXAMPLE_SIGNATURE}`,
		);
	});

	test('signed headers content-type;host;x-tc-action (action lower-cased)', () => {
		const signed = signTc3({ ...example, signedHeaders: ['content-type', 'host', 'x-tc-action'] });
		expect(signed.canonicalRequest).toBe(
			[
				'POST',
				'/',
				'',
				'content-type:application/json; charset=utf-8',
				'host:cvm.tencentcloudapi.com',
				'x-tc-action:describeinstances',
				'',
				'content-type;host;x-tc-action',
				EXAMPLE_BODY_SHA256,
			].join('\n'),
		);
		expect(signed.signedHeaders).toBe('content-type;host;x-tc-action');
		expect(signed.signature).toBe(EXAMPLE_SIGNATURE_WITH_ACTION);
		expect(signed.authorization).toBe(
			`TC3-HMAC-SHA256 Credential=${EXAMPLE_SECRET_ID}/2019-02-25/cvm/tc3_request, ` +
				`SignedHeaders=content-type;host;x-tc-action, Signature=${EXAMPLE_SIGNATURE_WITH_ACTION}`,
		);
	});

	test('signed header names are sorted and lower-cased whatever order they are given in', () => {
		const signed = signTc3({ ...example, signedHeaders: ['X-TC-Action', 'Host', 'Content-Type'] });
		expect(signed.signedHeaders).toBe('content-type;host;x-tc-action');
		expect(signed.signature).toBe(EXAMPLE_SIGNATURE_WITH_ACTION);
	});

	test('the SecretId does not enter the signature, the SecretKey does', () => {
		const otherId = signTc3({ ...example, secretId: 'AKIDsomebodyElse' });
		expect(otherId.signature).toBe(EXAMPLE_SIGNATURE);
		expect(otherId.authorization).toContain('Credential=AKIDsomebodyElse/2019-02-25/cvm/tc3_request');
		expect(signTc3({ ...example, secretKey: `${EXAMPLE_SECRET_KEY}x` }).signature).not.toBe(EXAMPLE_SIGNATURE);
	});

	test('x-tc-action as a signed header without an action is refused; unsupported headers too', () => {
		expect(() => signTc3({ ...example, action: undefined, signedHeaders: ['content-type', 'host', 'x-tc-action'] })).toThrow(
			/no action/,
		);
		expect(() => signTc3({ ...example, signedHeaders: ['content-type', 'host', 'x-tc-region'] })).toThrow(/x-tc-region/);
	});
});

describe('credential scope date is the UTC date of the timestamp', () => {
	const lastSecondOfJan31 = 1706745599; // 2024-01-31T23:59:59Z
	const firstSecondOfFeb1 = 1706745600; // 2024-02-01T00:00:00Z
	const shanghai0759 = 1706745540; // 2024-02-01T07:59:00+08:00 = 2024-01-31T23:59:00Z

	test('23:59:59 UTC and 00:00:00 UTC the next day sign with different dates', () => {
		expect(tc3Date(lastSecondOfJan31)).toBe('2024-01-31');
		expect(tc3Date(firstSecondOfFeb1)).toBe('2024-02-01');
		const before = signTc3({ ...example, timestamp: lastSecondOfJan31 });
		const after = signTc3({ ...example, timestamp: firstSecondOfFeb1 });
		expect(before.credentialScope).toBe('2024-01-31/cvm/tc3_request');
		expect(after.credentialScope).toBe('2024-02-01/cvm/tc3_request');
		expect(before.authorization).toContain(`Credential=${EXAMPLE_SECRET_ID}/2024-01-31/cvm/tc3_request,`);
		expect(after.authorization).toContain(`Credential=${EXAMPLE_SECRET_ID}/2024-02-01/cvm/tc3_request,`);
		expect(before.signature).not.toBe(after.signature);
		// The signature is keyed on the date: recompute it independently for both sides of midnight.
		expect(before.signature).toBe(manualSignature(EXAMPLE_SECRET_KEY, '2024-01-31', 'cvm', before.stringToSign));
		expect(after.signature).toBe(manualSignature(EXAMPLE_SECRET_KEY, '2024-02-01', 'cvm', after.stringToSign));
	});

	test('07:59 on Feb 1 in UTC+8 is still Jan 31 in UTC', () => {
		const signed = signTc3({ ...example, timestamp: shanghai0759 });
		expect(signed.date).toBe('2024-01-31');
		expect(signed.credentialScope).toBe('2024-01-31/cvm/tc3_request');
		expect(signed.stringToSign.split('\n').slice(0, 3)).toEqual([
			'TC3-HMAC-SHA256',
			'1706745540',
			'2024-01-31/cvm/tc3_request',
		]);
	});

	test('under TZ=Asia/Shanghai the local date is Feb 1 but the signer still uses Jan 31', () => {
		// Jest gives each test file a copy of process.env, so changing TZ here would not reach the
		// runtime's clock: run the signer in a child Node process started with TZ=Asia/Shanghai.
		const script = `
			const { signTc3, tc3Date } = require(${JSON.stringify(path.resolve(__dirname, '../../../lib/tencent/signer.ts'))});
			const input = ${JSON.stringify({ ...example, timestamp: shanghai0759 })};
			const d = new Date(input.timestamp * 1000);
			const signed = signTc3(input);
			process.stdout.write(JSON.stringify({
				offsetMinutes: d.getTimezoneOffset(),
				localDate: [d.getFullYear(), d.getMonth() + 1, d.getDate()].join('-'),
				localHour: d.getHours(),
				tc3Date: tc3Date(input.timestamp),
				credentialScope: signed.credentialScope,
				authorization: signed.authorization,
				signature: signed.signature,
			}));
		`;
		const output = execFileSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', script], {
			env: { ...process.env, TZ: 'Asia/Shanghai' },
			encoding: 'utf8',
		});
		const result = JSON.parse(output) as Record<string, unknown>;
		// The child really runs in UTC+8 (otherwise this test would prove nothing)...
		expect(result.offsetMinutes).toBe(-480);
		expect(result.localDate).toBe('2024-2-1');
		expect(result.localHour).toBe(7);
		// ...and still signs with the UTC date.
		expect(result.tc3Date).toBe('2024-01-31');
		expect(result.credentialScope).toBe('2024-01-31/cvm/tc3_request');
		expect(result.authorization).toContain(`Credential=${EXAMPLE_SECRET_ID}/2024-01-31/cvm/tc3_request,`);
		// Same bytes as in this (UTC) process.
		expect(result.signature).toBe(signTc3({ ...example, timestamp: shanghai0759 }).signature);
	});
});

describe('unicode bodies: the bytes are what is signed', () => {
	const data = { Name: '张三', IdCard: '11010519491231002X', Note: 'ok 😀' };
	const raw = JSON.stringify(data);
	const escaped = '{"Name":"\\u5f20\\u4e09","IdCard":"11010519491231002X","Note":"ok \\ud83d\\ude00"}';
	const base: Tc3SignInput = {
		secretId: 'AKIDtest',
		secretKey: 'secret',
		service: 'faceid',
		host: 'faceid.tencentcloudapi.com',
		method: 'POST',
		payload: raw,
		contentType: JSON_CONTENT_TYPE,
		timestamp: 1700000000,
	};

	test('a JS string and a Buffer of its UTF-8 bytes sign identically', () => {
		const bytes = Buffer.from(raw, 'utf8');
		expect(bytes.length).toBeGreaterThan(raw.length); // multi-byte characters really are in there
		const asString = signTc3(base);
		const asBuffer = signTc3({ ...base, payload: bytes });
		expect(asBuffer.signature).toBe(asString.signature);
		expect(asString.canonicalRequest.endsWith(`\n${createHash('sha256').update(bytes).digest('hex')}`)).toBe(true);
	});

	test('the \\u-escaped JSON of the same data signs differently', () => {
		expect(JSON.parse(escaped)).toEqual(data);
		expect(escaped).not.toBe(raw);
		expect(signTc3({ ...base, payload: escaped }).signature).not.toBe(signTc3(base).signature);
	});

	test('a Buffer in another encoding (latin1 of the string) is not the same payload', () => {
		expect(signTc3({ ...base, payload: Buffer.from(raw, 'latin1') }).signature).not.toBe(signTc3(base).signature);
	});
});

describe('keys are trimmed', () => {
	test('secretId/secretKey with spaces and a trailing newline sign like trimmed keys', () => {
		const clean = signTc3(example);
		const padded = signTc3({ ...example, secretId: `  ${EXAMPLE_SECRET_ID} \n`, secretKey: ` ${EXAMPLE_SECRET_KEY}\t\n` });
		expect(padded.signature).toBe(EXAMPLE_SIGNATURE);
		expect(padded.authorization).toBe(clean.authorization);
		expect(padded.authorization).toContain(`Credential=${EXAMPLE_SECRET_ID}/`);
	});

	test('an inner change of the key is not hidden by trimming', () => {
		expect(signTc3({ ...example, secretKey: EXAMPLE_SECRET_KEY.replace('G', 'g') }).signature).not.toBe(EXAMPLE_SIGNATURE);
	});
});

describe('GET and the canonical query string', () => {
	test('keys sorted, RFC 3986 encoding, UTF-8 percent bytes', () => {
		const query = canonicalQueryString({
			Name: '张 三',
			b: "a*'()!~-_.",
			Action: 'DescribeInstances',
			Limit: 1,
			Flag: true,
		});
		expect(query).toBe('Action=DescribeInstances&Flag=true&Limit=1&Name=%E5%BC%A0%20%E4%B8%89&b=a%2A%27%28%29%21~-_.');
	});

	test('rfc3986Encode escapes what encodeURIComponent leaves alone', () => {
		expect(rfc3986Encode("!'()*")).toBe('%21%27%28%29%2A');
		expect(rfc3986Encode('a b+c/d')).toBe('a%20b%2Bc%2Fd');
		expect(rfc3986Encode('😀')).toBe('%F0%9F%98%80');
		expect(rfc3986Encode('AZaz09-_.~')).toBe('AZaz09-_.~');
	});

	test('GET signs the query string and the empty-payload hash', () => {
		expect(sha256Hex('')).toBe(EMPTY_SHA256);
		const query = canonicalQueryString({ Offset: 0, Limit: 10 });
		expect(query).toBe('Limit=10&Offset=0');
		const input: Tc3SignInput = {
			...example,
			method: 'GET',
			payload: '',
			query,
			contentType: FORM_CONTENT_TYPE,
		};
		const signed = signTc3(input);
		expect(signed.canonicalRequest).toBe(
			[
				'GET',
				'/',
				'Limit=10&Offset=0',
				'content-type:application/x-www-form-urlencoded',
				'host:cvm.tencentcloudapi.com',
				'',
				'content-type;host',
				EMPTY_SHA256,
			].join('\n'),
		);
		expect(signed.stringToSign).toBe(
			`TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n${sha256Hex(signed.canonicalRequest)}`,
		);
		expect(signed.signature).toBe(manualSignature(EXAMPLE_SECRET_KEY, '2019-02-25', 'cvm', signed.stringToSign));
		// The query is part of what is signed.
		expect(signTc3({ ...input, query: 'Limit=11&Offset=0' }).signature).not.toBe(signed.signature);
	});

	test('POST ignores query', () => {
		const withQuery = signTc3({ ...example, query: 'Limit=10&Offset=0' });
		expect(withQuery.canonicalRequest.split('\n')[2]).toBe('');
		expect(withQuery.signature).toBe(EXAMPLE_SIGNATURE);
	});
});

describe('deriveSigningKey', () => {
	test('matches the HMAC chain computed by hand', () => {
		const kDate = createHmac('sha256', Buffer.from(`TC3${EXAMPLE_SECRET_KEY}`, 'utf8')).update('2019-02-25', 'utf8').digest();
		const kService = createHmac('sha256', kDate).update('cvm', 'utf8').digest();
		const kSigning = createHmac('sha256', kService).update('tc3_request', 'utf8').digest();
		const derived = deriveSigningKey(EXAMPLE_SECRET_KEY, '2019-02-25', 'cvm');
		expect(derived).toBeInstanceOf(Buffer);
		expect(derived.length).toBe(32);
		expect(derived.toString('hex')).toBe(kSigning.toString('hex'));
		// Feeding the derived key the published string to sign gives the published signature.
		const stringToSign = `TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n${EXAMPLE_CANONICAL_REQUEST_SHA256}`;
		expect(createHmac('sha256', derived).update(stringToSign).digest('hex')).toBe(EXAMPLE_SIGNATURE);
	});

	test('each link of the chain matters', () => {
		const key = deriveSigningKey('k', '2024-01-01', 'faceid').toString('hex');
		expect(deriveSigningKey('k', '2024-01-02', 'faceid').toString('hex')).not.toBe(key);
		expect(deriveSigningKey('k', '2024-01-01', 'ocr').toString('hex')).not.toBe(key);
		expect(deriveSigningKey('K', '2024-01-01', 'faceid').toString('hex')).not.toBe(key);
	});
});

describe('parseTc3Authorization', () => {
	test('round-trips what signTc3 produces', () => {
		const signed = signTc3({ ...example, signedHeaders: ['content-type', 'host', 'x-tc-action'] });
		expect(parseTc3Authorization(signed.authorization)).toEqual({
			secretId: EXAMPLE_SECRET_ID,
			date: '2019-02-25',
			service: 'cvm',
			signedHeaders: ['content-type', 'host', 'x-tc-action'],
			signature: EXAMPLE_SIGNATURE_WITH_ACTION,
		});
		expect(parseTc3Authorization(`  ${signed.authorization}\n`)?.signature).toBe(EXAMPLE_SIGNATURE_WITH_ACTION);
	});

	const good = `TC3-HMAC-SHA256 Credential=AKIDx/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=${EXAMPLE_SIGNATURE}`;

	test.each([
		['undefined', undefined],
		['empty', ''],
		['another scheme', 'Bearer abc'],
		['another algorithm', good.replace('TC3-HMAC-SHA256', 'TC3-HMAC-SHA1')],
		['scope not ending in tc3_request', good.replace('/tc3_request', '/tc2_request')],
		['malformed date', good.replace('2019-02-25', '2019-2-25')],
		['no SecretId', good.replace('AKIDx', '')],
		['missing SignedHeaders', good.replace(' SignedHeaders=content-type;host,', '')],
		['upper-case header names', good.replace('content-type;host', 'Content-Type;Host')],
		['signature too short', good.slice(0, -1)],
		['upper-case hex signature', good.replace(EXAMPLE_SIGNATURE, EXAMPLE_SIGNATURE.toUpperCase())],
		['trailing garbage', `${good}, Extra=1`],
		['no comma separators', good.replace(/, /g, ' ')],
	])('rejects %s', (_label, header) => {
		expect(parseTc3Authorization(header)).toBeUndefined();
	});

	test('the well-formed header used above parses (the rejections are not vacuous)', () => {
		expect(parseTc3Authorization(good)).toEqual({
			secretId: 'AKIDx',
			date: '2019-02-25',
			service: 'cvm',
			signedHeaders: ['content-type', 'host'],
			signature: EXAMPLE_SIGNATURE,
		});
	});
});
