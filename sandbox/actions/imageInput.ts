/**
 * How the photo actions receive an image, as Tencent documents it: standard base64 (RFC 4648, with
 * padding, no data: prefix) or a URL Tencent downloads within 3 seconds; PNG or JPEG only; a size
 * limit measured on the base64 text. Each action names its own error codes and limits.
 */
import { base64Length, detectImageFormat } from '../../lib/tencent/images';
import { detectVideoFormat } from '../../lib/tencent/videos';
import { invalidParameterValue, SandboxApiError } from '../errors';

/** Tencent: "Image download time is no more than 3 seconds". */
export const DOWNLOAD_TIMEOUT_MS = 3000;

/** The code each problem gets in one action (its page's error list). */
export interface ImageErrorCodes {
	empty: string;
	undecodable: string;
	tooLarge: string;
	/** For actions that take a URL. */
	download?: string;
}

export interface LoadedImage {
	bytes: Buffer;
	origin: 'base64' | 'url';
}

// One flat character run plus a length check: a repeated group overflows V8's regex stack on megabyte images.
const BASE64_CHARACTERS = /^[A-Za-z0-9+/]*={0,2}$/;
const isStandardBase64 = (text: string): boolean => text.length % 4 === 0 && BASE64_CHARACTERS.test(text);

function imageFailure(code: string, message: string): SandboxApiError {
	return new SandboxApiError(code, message);
}

/** What a field holds: an image (PNG, JPEG) or a video (MP4, AVI, FLV). */
export type MediaKind = 'image' | 'video';

const FORMATS: Readonly<Record<MediaKind, { detect: (bytes: Buffer) => unknown; names: string }>> = {
	image: { detect: detectImageFormat, names: 'a PNG or JPEG image' },
	video: { detect: detectVideoFormat, names: 'an MP4, AVI or FLV video' },
};

function checkBytes(bytes: Buffer, maxBase64Bytes: number, codes: ImageErrorCodes, kind: MediaKind): void {
	if (bytes.length === 0) throw imageFailure(codes.empty, `The ${kind} is empty.`);
	if (!FORMATS[kind].detect(bytes)) throw imageFailure(codes.undecodable, `The ${kind} is not ${FORMATS[kind].names}.`);
	if (base64Length(bytes.length) > maxBase64Bytes) {
		throw imageFailure(codes.tooLarge, `The ${kind} is larger than ${maxBase64Bytes} bytes after base64 encoding.`);
	}
}

/** Decodes and checks `ImageBase64` (or a field like it). */
export function imageFromBase64(name: string, value: unknown, maxBase64Bytes: number, codes: ImageErrorCodes, kind: MediaKind = 'image'): LoadedImage {
	if (typeof value !== 'string') throw invalidParameterValue(name, 'a base64 string');
	if (value === '') throw imageFailure(codes.empty, `The ${kind} is empty.`);
	if (value.length > maxBase64Bytes) {
		throw imageFailure(codes.tooLarge, `${name} is larger than ${maxBase64Bytes} bytes.`);
	}
	// A data: prefix, line breaks or base64url are not standard base64: Tencent cannot decode them.
	if (!isStandardBase64(value)) throw imageFailure(codes.undecodable, `${name} is not standard base64 (RFC 4648).`);
	const bytes = Buffer.from(value, 'base64');
	checkBytes(bytes, maxBase64Bytes, codes, kind);
	return { bytes, origin: 'base64' };
}

/** Downloads and checks `ImageUrl` (or `VideoUrl`), as Tencent does (3 seconds for an image unless told, http or https). */
export async function imageFromUrl(
	name: string,
	value: unknown,
	maxBase64Bytes: number,
	codes: ImageErrorCodes,
	kind: MediaKind = 'image',
	timeoutMs = DOWNLOAD_TIMEOUT_MS,
): Promise<LoadedImage> {
	if (typeof value !== 'string') throw invalidParameterValue(name, 'a URL string');
	const downloadCode = codes.download ?? 'FailedOperation.DownLoadError';
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw imageFailure(downloadCode, `${name} is not a URL.`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') throw imageFailure(downloadCode, `${name} must be http or https.`);
	let bytes: Buffer;
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
		if (!response.ok) throw new Error(`HTTP ${response.status}`);
		bytes = Buffer.from(await response.arrayBuffer());
	} catch (error) {
		throw imageFailure(downloadCode, `File download failed: ${error instanceof Error ? error.message : String(error)}.`);
	}
	checkBytes(bytes, maxBase64Bytes, codes, kind);
	return { bytes, origin: 'url' };
}

/** A parameter counts as given when it is present and not an empty string. */
export function isGiven(value: unknown): boolean {
	return value !== undefined && value !== null && value !== '';
}
