/**
 * The request body written straight into a Buffer when it carries images must be JSON.stringify's
 * output byte for byte: the signature covers these bytes and the wire tests compare them.
 */
import { inspect } from 'util';

import { encryptFields } from '../../../lib/tencent/encryption';
import { Base64Bytes, cloneRequestParams, MAX_REQUEST_BODY_BYTES, requestBodyLength, serialiseRequestBody } from '../../../lib/tencent/requestBody';

/** Deterministic bytes, every value 0–255, of any length. */
function bytesOf(length: number, seed = 7): Buffer {
	const bytes = Buffer.alloc(length);
	let state = seed;
	for (let i = 0; i < length; i++) {
		state = (state * 1103515245 + 12345) & 0x7fffffff;
		bytes[i] = state >> 16;
	}
	return bytes;
}

describe('serialiseRequestBody', () => {
	test('without images: the JSON.stringify string itself', () => {
		const params = { Name: '张三', IdCard: '110105198506150022', Config: '{"CopyWarn":true}', Skip: undefined, List: [1, 'a\u0000"'] };
		const body = serialiseRequestBody(params);
		expect(typeof body).toBe('string');
		expect(body).toBe(JSON.stringify(params));
	});

	test.each([0, 1, 2, 3, 4, 196_607, 196_608, 196_609, 1_000_001])(
		'an image of %i bytes: a Buffer equal to the UTF-8 of JSON.stringify',
		(length) => {
			const bytes = bytesOf(length);
			const params = { ImageBase64: new Base64Bytes(bytes), Name: '韦小宝 "x" \\ \u2028', Extra: 'CRM-42' };
			const body = serialiseRequestBody(params);
			expect(Buffer.isBuffer(body)).toBe(true);
			const expected = JSON.stringify({ ImageBase64: bytes.toString('base64'), Name: params.Name, Extra: 'CRM-42' });
			expect((body as Buffer).equals(Buffer.from(expected, 'utf8'))).toBe(true);
		},
	);

	test('several images, nested and in arrays, keep their places and key order', () => {
		const front = bytesOf(500_000, 1);
		const back = bytesOf(12_345, 2);
		const params = {
			Nationality: 'IDN',
			ImageBase64Front: new Base64Bytes(front),
			Nested: { Images: [new Base64Bytes(back), 'text'], Skip: undefined },
			ImageBase64Back: new Base64Bytes(back),
			CardType: 'ID_CARD',
		};
		const expected = JSON.stringify(params); // toJSON gives each image's base64
		expect(expected).toContain(front.toString('base64'));
		expect((serialiseRequestBody(params) as Buffer).toString('utf8')).toBe(expected);
	});

	test('text that looks like a placeholder is sent as it is', () => {
		const params = { Extra: '\u0000base64-bytes-abc-0', ImageBase64: new Base64Bytes(bytesOf(10)) };
		expect((serialiseRequestBody(params) as Buffer).toString('utf8')).toBe(JSON.stringify(params));
	});
});

describe('Base64Bytes', () => {
	test('reports the base64 length without encoding, and inspects as its size only', () => {
		const image = new Base64Bytes(bytesOf(5 * 1024 * 1024));
		expect(image.base64Length).toBe(image.toJSON().length);
		expect(inspect({ ImageBase64: image })).toBe('{ ImageBase64: Base64Bytes(5242880 bytes) }');
	});

	test('cloneRequestParams copies plain data and shares images', () => {
		const image = new Base64Bytes(bytesOf(100));
		const params = { Name: 'a', Nested: { List: [1, { b: 2 }] }, ImageBase64: image };
		const copy = cloneRequestParams(params);
		expect(copy).toStrictEqual(params);
		expect(copy.Nested).not.toBe(params.Nested);
		expect(copy.Nested.List[1]).not.toBe(params.Nested.List[1]);
		expect(copy.ImageBase64).toBe(image);
	});

	test('encryptFields encrypts the text fields and sends the image unchanged', () => {
		const bytes = bytesOf(70_000);
		const { params } = encryptFields({ Name: '张三', IdCard: '110105198506150022', ImageBase64: new Base64Bytes(bytes) }, ['Name', 'IdCard']);
		expect(params.Name).not.toBe('张三');
		const sent = JSON.parse((serialiseRequestBody(params) as Buffer).toString('utf8')) as Record<string, unknown>;
		expect(sent.ImageBase64).toBe(bytes.toString('base64'));
		expect(sent.Encryption).toMatchObject({ EncryptList: ['Name', 'IdCard'], Algorithm: 'AES-256-CBC' });
	});
});

test('requestBodyLength is the byte length of the body serialiseRequestBody writes, with and without files', () => {
	const withFiles = { Name: '张三', VideoBase64: new Base64Bytes(Buffer.alloc(1000, 7)), Nested: [{ ImageBase64: new Base64Bytes(Buffer.from('ab')) }] };
	const plain = { Name: '张三', Mobile: '13800138000' };
	for (const params of [withFiles, plain]) expect(requestBodyLength(params)).toBe(Buffer.byteLength(serialiseRequestBody(params)));
	expect(MAX_REQUEST_BODY_BYTES).toBe(10 * 1024 * 1024);
});
