/**
 * Image checks shared by every image field, run before anything is sent: Tencent bills some
 * rejected images and answers others only after a slow upload, so a bad file should fail here.
 */
export type ImageFormat = 'jpeg' | 'png';

/** Recognises JPEG and PNG by their first bytes; anything else (GIF, PDF, text) is refused. */
export function detectImageFormat(bytes: Buffer): ImageFormat | undefined {
	if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
	if (
		bytes.length >= 8 &&
		bytes[0] === 0x89 &&
		bytes[1] === 0x50 &&
		bytes[2] === 0x4e &&
		bytes[3] === 0x47 &&
		bytes[4] === 0x0d &&
		bytes[5] === 0x0a &&
		bytes[6] === 0x1a &&
		bytes[7] === 0x0a
	) {
		return 'png';
	}
	return undefined;
}

/** Length of the base64 text for n raw bytes (with padding): Tencent's limits apply to that text. */
export function base64Length(byteLength: number): number {
	return Math.ceil(byteLength / 3) * 4;
}

/** Name of a format by its first bytes, for an error message that says what the file really is. */
export function describeNonImage(bytes: Buffer): string {
	if (bytes.length === 0) return 'empty';
	const head = bytes.subarray(0, 6).toString('latin1');
	if (head.startsWith('GIF8')) return 'a GIF image';
	if (head.startsWith('%PDF')) return 'a PDF document';
	if (head.startsWith('RIFF')) return 'a RIFF file (WebP?)';
	if (head.startsWith('BM')) return 'a BMP image';
	if (/^\s*</.test(bytes.subarray(0, 64).toString('utf8'))) return 'an HTML/XML document';
	return 'not a PNG or JPEG image';
}

export interface ImageProblem {
	problem: string;
}

const BASE64_BODY = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Decodes user-supplied base64 (a `data:image/...;base64,` prefix is accepted, line breaks are
 * ignored). Returns the bytes, or why the text is not base64.
 */
export function decodeBase64Image(text: string): Buffer | ImageProblem {
	let body = text.trim();
	const dataUri = /^data:([^;,]*)(;[^,]*)?,/i.exec(body);
	if (dataUri) {
		if (!/;base64/i.test(dataUri[2] ?? '')) return { problem: 'is a data: URI that is not base64-encoded' };
		body = body.slice(dataUri[0].length);
	}
	body = body.replace(/\s+/g, '');
	if (!body) return { problem: 'is empty' };
	// Base64url is accepted too: some tools produce it.
	body = body.replace(/-/g, '+').replace(/_/g, '/');
	if (!BASE64_BODY.test(body) || body.length % 4 === 1) return { problem: 'is not valid base64' };
	return Buffer.from(body, 'base64');
}

/** Checks decoded image bytes against format and Tencent's size limit (measured after base64). */
export function checkImageBytes(bytes: Buffer, maxBase64Bytes: number): ImageProblem | undefined {
	if (bytes.length === 0) return { problem: 'is empty' };
	if (!detectImageFormat(bytes)) {
		return { problem: `is ${describeNonImage(bytes)}; only PNG and JPEG images are accepted` };
	}
	return sizeProblem(bytes, maxBase64Bytes);
}

/** A file (image or video) over the action's limit, which Tencent measures on the base64 text. */
export function sizeProblem(bytes: Buffer, maxBase64Bytes: number): ImageProblem | undefined {
	const encoded = base64Length(bytes.length);
	if (encoded > maxBase64Bytes) {
		return {
			problem: `is ${formatSize(encoded)} after base64, over this action's limit of ${formatSize(maxBase64Bytes)}`,
		};
	}
	return undefined;
}

/** MIME type of a recognised image format. */
export function imageMimeType(format: ImageFormat): string {
	return format === 'png' ? 'image/png' : 'image/jpeg';
}

/** File extension (without the dot) of a recognised image format. */
export function imageFileExtension(format: ImageFormat): string {
	return format === 'png' ? 'png' : 'jpg';
}

/** Megabytes, and the exact byte count when one decimal would hide the difference to a limit. */
function formatSize(bytes: number): string {
	return `${formatMegabytes(bytes)} (${bytes.toLocaleString('en-US')} bytes)`;
}

/** Checks an image URL: Tencent fetches it itself, so it must be absolute http(s). */
export function checkImageUrl(url: string): ImageProblem | undefined {
	const trimmed = url.trim();
	if (!trimmed) return { problem: 'is empty' };
	let parsed: URL;
	try {
		parsed = new URL(trimmed);
	} catch {
		return { problem: 'is not an absolute URL (it needs http:// or https://)' };
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		return { problem: `must use http or https, not ${parsed.protocol.replace(':', '')}` };
	}
	return undefined;
}

export function formatMegabytes(bytes: number): string {
	return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export const MEGABYTE = 1024 * 1024;
