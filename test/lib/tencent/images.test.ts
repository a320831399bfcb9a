/**
 * lib/tencent/images.ts: the checks every image field runs before anything is sent — format by
 * the bytes, base64 decoding (data: URIs accepted), size after base64, URLs.
 */
import {
	base64Length,
	checkImageBytes,
	checkImageUrl,
	decodeBase64Image,
	describeNonImage,
	detectImageFormat,
	imageFileExtension,
	imageMimeType,
	MEGABYTE,
} from '../../../lib/tencent/images';
import { GIF_BYTES, testJpeg, testPng } from '../../../sandbox/actions/testImages';

const PNG = testPng();
const JPEG = testJpeg();

describe('detectImageFormat', () => {
	test('PNG and JPEG by their signatures, whatever the file is called', () => {
		expect(detectImageFormat(PNG)).toBe('png');
		expect(detectImageFormat(JPEG)).toBe('jpeg');
	});

	test.each([
		['GIF', GIF_BYTES],
		['empty', Buffer.alloc(0)],
		['a PNG signature cut short', PNG.subarray(0, 7)],
		['two JPEG bytes', JPEG.subarray(0, 2)],
		['a PDF', Buffer.from('%PDF-1.7')],
		['WebP', Buffer.from('RIFF\x00\x00\x00\x00WEBPVP8 ', 'latin1')],
	])('refuses %s', (_name, bytes) => {
		expect(detectImageFormat(bytes)).toBeUndefined();
	});

	test('mime type and extension per format', () => {
		expect([imageMimeType('png'), imageFileExtension('png')]).toEqual(['image/png', 'png']);
		expect([imageMimeType('jpeg'), imageFileExtension('jpeg')]).toEqual(['image/jpeg', 'jpg']);
	});
});

describe('describeNonImage names what a refused file really is', () => {
	test.each([
		[GIF_BYTES, 'a GIF image'],
		[Buffer.from('%PDF-1.4'), 'a PDF document'],
		[Buffer.from('RIFF....WEBP'), 'a RIFF file (WebP?)'],
		[Buffer.from('BM\x00\x00'), 'a BMP image'],
		[Buffer.from('  <!DOCTYPE html><html>'), 'an HTML/XML document'],
		[Buffer.alloc(0), 'empty'],
		[Buffer.from('hello'), 'not a PNG or JPEG image'],
	])('%#', (bytes, expected) => {
		expect(describeNonImage(bytes)).toBe(expected);
	});
});

describe('decodeBase64Image', () => {
	const text = JPEG.toString('base64');

	test('plain base64, a data: URI, line breaks and spaces, base64url: all the same bytes', () => {
		const variants = [
			text,
			`data:image/jpeg;base64,${text}`,
			`  DATA:image/png;charset=utf-8;base64,${text}\n`,
			text.replace(/(.{16})/g, '$1\r\n'),
			text.replace(/\+/g, '-').replace(/\//g, '_'),
		];
		for (const variant of variants) {
			const decoded = decodeBase64Image(variant);
			expect(Buffer.isBuffer(decoded) && decoded.equals(JPEG)).toBe(true);
		}
	});

	test.each([
		['', 'is empty'],
		['   \n ', 'is empty'],
		['data:image/png;base64,', 'is empty'],
		['data:image/png,%89PNG', 'is a data: URI that is not base64-encoded'],
		['not base64!', 'is not valid base64'],
		['abcde', 'is not valid base64'],
	])('%j → %s', (input, problem) => {
		expect(decodeBase64Image(input)).toEqual({ problem });
	});
});

describe('checkImageBytes: format, emptiness and the limit measured on the base64 text', () => {
	const limit = 3 * MEGABYTE;
	/** The largest file whose base64 is exactly the limit. */
	const largest = (limit / 4) * 3;

	test('base64Length is 4 characters per 3 bytes, padded', () => {
		expect([0, 1, 2, 3, 4, largest].map(base64Length)).toEqual([0, 4, 4, 4, 8, limit]);
		expect(base64Length(largest + 1)).toBe(limit + 4);
		expect(Buffer.alloc(largest + 1).toString('base64')).toHaveLength(limit + 4);
	});

	test('exactly at the limit passes; one byte more is refused, with both sizes given', () => {
		expect(checkImageBytes(testJpeg({}, { minBytes: largest }), limit)).toBeUndefined();
		expect(checkImageBytes(testJpeg({}, { minBytes: largest + 1 }), limit)).toEqual({
			problem: "is 3.0 MB (3,145,732 bytes) after base64, over this action's limit of 3.0 MB (3,145,728 bytes)",
		});
	});

	test('empty, GIF and HTML are refused before the size is looked at', () => {
		expect(checkImageBytes(Buffer.alloc(0), limit)).toEqual({ problem: 'is empty' });
		expect(checkImageBytes(GIF_BYTES, limit)).toEqual({ problem: 'is a GIF image; only PNG and JPEG images are accepted' });
		expect(checkImageBytes(Buffer.from('<html>'), 1)).toEqual({
			problem: 'is an HTML/XML document; only PNG and JPEG images are accepted',
		});
	});

	test('PNG and JPEG within the limit pass', () => {
		expect(checkImageBytes(PNG, limit)).toBeUndefined();
		expect(checkImageBytes(JPEG, limit)).toBeUndefined();
	});
});

describe('checkImageUrl', () => {
	test.each([
		['https://cos.ap-guangzhou.myqcloud.com/card.jpg', undefined],
		['  http://10.0.0.5:8080/a.png ', undefined],
		['', { problem: 'is empty' }],
		['card.jpg', { problem: 'is not an absolute URL (it needs http:// or https://)' }],
		['file:///etc/passwd', { problem: 'must use http or https, not file' }],
		['ftp://example.com/a.jpg', { problem: 'must use http or https, not ftp' }],
	])('%j', (url, expected) => {
		expect(checkImageUrl(url)).toEqual(expected);
	});
});
