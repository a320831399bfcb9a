/**
 * The JSON body of a request, serialised once. An image travels as base64 inside the JSON, and a
 * 5 MB photo as a 6.7 MB string, then again inside a 6.7 MB JSON string, then as the UTF-8 bytes
 * sent: with `Base64Bytes` the body is written straight into one Buffer, the image encoded in
 * chunks, so neither full-size string ever exists. No n8n import.
 */
import { inspect } from 'util';

import { base64Length } from './images';

/** Raw bytes a request sends as a base64 string (an image). Immutable: requests share it when copied. */
export class Base64Bytes {
	constructor(readonly bytes: Buffer) {}

	/** Length of the base64 text, padding included: Tencent's size limits apply to it. */
	get base64Length(): number {
		return base64Length(this.bytes.length);
	}

	/** What JSON.stringify writes; `serialiseRequestBody` writes the same text without building it. */
	toJSON(): string {
		return this.bytes.toString('base64');
	}

	/** A log line or an error shows the size, not megabytes of a photo. */
	[inspect.custom](): string {
		return `Base64Bytes(${this.bytes.length} bytes)`;
	}
}

/** A request field holding base64: text as given, or bytes encoded when the body is written. */
export type Base64Field = string | Base64Bytes;

/** Bytes per base64 chunk: a multiple of 3, so chunks encode without padding in between. */
const CHUNK_BYTES = 3 * 64 * 1024;

/**
 * `JSON.stringify(params)`, byte for byte. With no `Base64Bytes` inside, that string; otherwise one
 * Buffer holding its UTF-8 bytes, each `Base64Bytes` encoded into it chunk by chunk.
 */
export function serialiseRequestBody(params: unknown): string | Buffer {
	const { json, images, pieces, length } = layOut(params);
	if (images.length === 0) return json;
	const body = Buffer.allocUnsafe(length);
	let offset = 0;
	for (let i = 0; i < pieces.length; i++) {
		if (i % 2 === 0) {
			offset += body.write(pieces[i], offset, 'utf8');
			continue;
		}
		offset += body.write('"', offset, 'latin1');
		const { bytes } = images[Number(pieces[i])];
		for (let start = 0; start < bytes.length; start += CHUNK_BYTES) {
			offset += body.write(bytes.subarray(start, start + CHUNK_BYTES).toString('base64'), offset, 'latin1');
		}
		offset += body.write('"', offset, 'latin1');
	}
	if (offset !== length) throw new Error(`request body: wrote ${offset} of ${length} bytes`);
	return body;
}

/** Tencent's limit on one POST body (API 3.0, signature v3): 10 MB. */
export const MAX_REQUEST_BODY_BYTES = 10 * 1024 * 1024;

/** The length in bytes of the body `serialiseRequestBody` writes, without writing it. */
export function requestBodyLength(params: unknown): number {
	return layOut(params).length;
}

/** The JSON with a placeholder per `Base64Bytes`, split around them, and the body's length. */
function layOut(params: unknown): { json: string; images: Base64Bytes[]; pieces: string[]; length: number } {
	const images: Base64Bytes[] = [];
	// Unique per call, so no text the user sent can be mistaken for a placeholder.
	const marker = `\u0000base64-bytes-${Math.random().toString(36).slice(2)}-`;
	const skeleton = withPlaceholders(params, (image) => {
		images.push(image);
		return `${marker}${images.length - 1}`;
	});
	const json = JSON.stringify(skeleton);
	if (images.length === 0) return { json, images, pieces: [json], length: Buffer.byteLength(json, 'utf8') };

	// JSON.stringify writes each placeholder as a quoted string with \u0000 escaped: split on that.
	const escapedMarker = JSON.stringify(marker).slice(1, -1);
	const pieces = json.split(new RegExp(`"${escapeRegExp(escapedMarker)}(\\d+)"`));
	// pieces: text, image index, text, image index, …, text
	let length = 0;
	for (let i = 0; i < pieces.length; i++) {
		length += i % 2 === 0 ? Buffer.byteLength(pieces[i], 'utf8') : images[Number(pieces[i])].base64Length + 2;
	}
	return { json, images, pieces, length };
}

/**
 * A copy of the plain objects and arrays of `value` with each `Base64Bytes` replaced by
 * `placeholder(image)`; anything else is kept as it is, for JSON.stringify to handle as usual.
 */
function withPlaceholders(value: unknown, placeholder: (image: Base64Bytes) => string): unknown {
	if (value instanceof Base64Bytes) return placeholder(value);
	if (Array.isArray(value)) return value.map((entry) => withPlaceholders(entry, placeholder));
	if (isPlainObject(value)) {
		return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, withPlaceholders(entry, placeholder)]));
	}
	return value;
}

/**
 * A deep copy of request parameters (plain objects and arrays) that shares each `Base64Bytes`
 * rather than copying megabytes of image (structuredClone would also lose its class).
 */
export function cloneRequestParams<T>(value: T): T {
	if (value === null || typeof value !== 'object' || value instanceof Base64Bytes) return value;
	if (Array.isArray(value)) return value.map((entry: unknown) => cloneRequestParams(entry)) as T;
	if (isPlainObject(value)) {
		return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, cloneRequestParams(entry)])) as T;
	}
	return structuredClone(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (value === null || typeof value !== 'object') return false;
	const prototype = Object.getPrototypeOf(value) as unknown;
	return prototype === Object.prototype || prototype === null;
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
