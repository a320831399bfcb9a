/**
 * TC3-HMAC-SHA256 request signing (Tencent Cloud API 3.0, "signature v3").
 *
 * Pure: no n8n import, no clock read unless the caller omits the timestamp, so the credential,
 * the sandbox (which verifies with the same code), the demo and the benchmarks share it.
 */
import { createHash, createHmac, createSecretKey, type KeyObject } from 'crypto';

export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';

/** Headers Tencent's own SDKs sign. `x-tc-action` may be added; Tencent accepts both sets. */
export const DEFAULT_SIGNED_HEADERS = ['content-type', 'host'] as const;

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

export interface Tc3SignInput {
	secretId: string;
	secretKey: string;
	/** API service name, e.g. `faceid`: the credential scope never depends on a custom host. */
	service: string;
	/** Host header exactly as sent, including a non-default port. */
	host: string;
	method: 'POST' | 'GET';
	/** Raw payload as sent: the JSON string for POST, '' for GET. */
	payload: string | Buffer;
	/** Canonical query string for GET (see `canonicalQueryString`); '' for POST. */
	query?: string;
	/** Content-Type header value as sent. */
	contentType: string;
	/** Unix seconds. */
	timestamp: number;
	/** Needed only when `x-tc-action` is among the signed headers. */
	action?: string;
	/** Lower-case header names; defaults to `content-type;host`. */
	signedHeaders?: readonly string[];
}

export interface Tc3Signature {
	authorization: string;
	signature: string;
	/** UTC date of the timestamp, yyyy-mm-dd. */
	date: string;
	credentialScope: string;
	signedHeaders: string;
	canonicalRequest: string;
	stringToSign: string;
}

export function sha256Hex(data: string | Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
	return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** The UTC calendar date of a unix timestamp: a local-time date breaks every night in UTC+8. */
export function tc3Date(timestamp: number): string {
	return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

/** RFC 3986 percent-encoding, the form Tencent canonicalises query strings with. */
export function rfc3986Encode(value: string): string {
	return encodeURIComponent(value).replace(
		/[!'()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
	);
}

/** Sorted, RFC 3986-encoded query string; send exactly this string in the URL. */
export function canonicalQueryString(params: Record<string, string | number | boolean>): string {
	return Object.keys(params)
		.sort()
		.map((key) => `${rfc3986Encode(key)}=${rfc3986Encode(String(params[key]))}`)
		.join('&');
}

/** Derives the signing key: SecretKey → date → service → "tc3_request". */
export function deriveSigningKey(secretKey: string, date: string, service: string): Buffer {
	const kDate = hmac(`TC3${secretKey}`, date);
	const kService = hmac(kDate, service);
	return hmac(kService, 'tc3_request');
}

/**
 * Signing keys already derived, by secret (hashed), date and service: a key changes once a day, and
 * deriving it is three HMACs, most of a request's signing time. Bounded; holds no secret in clear.
 */
const signingKeys = new Map<string, KeyObject>();
const MAX_CACHED_SIGNING_KEYS = 64;

function cachedSigningKey(secretKey: string, date: string, service: string): KeyObject {
	const cacheKey = `${date}/${service}/${sha256Hex(secretKey)}`;
	let key = signingKeys.get(cacheKey);
	if (!key) {
		if (signingKeys.size >= MAX_CACHED_SIGNING_KEYS) signingKeys.clear();
		key = createSecretKey(deriveSigningKey(secretKey, date, service));
		signingKeys.set(cacheKey, key);
	}
	return key;
}

function canonicalHeaderValue(name: string, input: Tc3SignInput): string {
	switch (name) {
		case 'content-type':
			return input.contentType.trim().toLowerCase();
		case 'host':
			return input.host.trim().toLowerCase();
		case 'x-tc-action':
			if (!input.action) throw new Error('x-tc-action is a signed header but no action was given');
			return input.action.trim().toLowerCase();
		default:
			throw new Error(`Cannot sign header "${name}": only content-type, host and x-tc-action are supported`);
	}
}

export function signTc3(input: Tc3SignInput): Tc3Signature {
	// Stray spaces around pasted keys are the classic cause of AuthFailure.SignatureFailure.
	const secretId = input.secretId.trim();
	const secretKey = input.secretKey.trim();
	const names = [...(input.signedHeaders ?? DEFAULT_SIGNED_HEADERS)].map((h) => h.toLowerCase()).sort();
	const signedHeaders = names.join(';');
	const canonicalHeaders = names.map((name) => `${name}:${canonicalHeaderValue(name, input)}\n`).join('');

	const canonicalRequest = [
		input.method,
		'/',
		input.method === 'GET' ? (input.query ?? '') : '',
		canonicalHeaders,
		signedHeaders,
		sha256Hex(input.payload),
	].join('\n');

	const date = tc3Date(input.timestamp);
	const credentialScope = `${date}/${input.service}/tc3_request`;
	const stringToSign = [
		TC3_ALGORITHM,
		String(input.timestamp),
		credentialScope,
		sha256Hex(canonicalRequest),
	].join('\n');

	const signature = createHmac('sha256', cachedSigningKey(secretKey, date, input.service))
		.update(stringToSign, 'utf8')
		.digest('hex');

	return {
		authorization: `${TC3_ALGORITHM} Credential=${secretId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
		signature,
		date,
		credentialScope,
		signedHeaders,
		canonicalRequest,
		stringToSign,
	};
}

export interface ParsedAuthorization {
	secretId: string;
	date: string;
	service: string;
	signedHeaders: string[];
	signature: string;
}

/** Parses an Authorization header; returns undefined when it is not a TC3 header. */
export function parseTc3Authorization(header: string | undefined): ParsedAuthorization | undefined {
	if (!header) return undefined;
	const match =
		/^TC3-HMAC-SHA256\s+Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/.exec(
			header.trim(),
		);
	if (!match) return undefined;
	return {
		secretId: match[1],
		date: match[2],
		service: match[3],
		signedHeaders: match[4].split(';'),
		signature: match[5],
	};
}
