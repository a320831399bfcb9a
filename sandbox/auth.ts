/**
 * TC3-HMAC-SHA256 verification as Tencent's gateway does it: the signature is recomputed with the
 * project's own `signTc3` from the raw bytes received and the headers as received, so anything
 * changed after signing (body, host, action, timestamp) fails. Throws `SandboxApiError` with
 * Tencent's codes, checked in Tencent's order (see sandbox/README.md).
 */
import { timingSafeEqual } from 'crypto';
import type { IncomingHttpHeaders } from 'http';

import { parseTc3Authorization, signTc3, tc3Date } from '../lib/tencent/signer';
import type { SandboxKey } from './credentials';
import { missingParameter, SandboxApiError } from './errors';

/** Tencent rejects timestamps further than this from its clock, in either direction. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

/** The two signed-header sets Tencent's SDKs use. */
const ACCEPTED_SIGNED_HEADERS = new Set(['content-type;host', 'content-type;host;x-tc-action']);

export interface ReceivedRequest {
	method: 'GET' | 'POST';
	/** The query string exactly as received, without '?': what a GET request signed. */
	rawQuery: string;
	headers: IncomingHttpHeaders;
	body: Buffer;
}

export interface VerifiedRequest {
	key: SandboxKey;
	action: string;
	version: string;
	region?: string;
	language?: string;
}

export interface VerifyOptions {
	keys: ReadonlyMap<string, SandboxKey>;
	nowMs: number;
	/** Service of a known action, so the credential scope can be checked; undefined if unknown. */
	serviceOf: (action: string) => string | undefined;
}

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name];
	const first = Array.isArray(value) ? value[0] : value;
	return first === undefined || first === '' ? undefined : first;
}

const signatureFailure = (): SandboxApiError =>
	new SandboxApiError(
		'AuthFailure.SignatureFailure',
		'The provided credentials could not be validated. Please check your signature is correct.',
	);

function readTimestamp(headers: IncomingHttpHeaders): number {
	const raw = header(headers, 'x-tc-timestamp');
	if (raw === undefined) throw missingParameter('Timestamp');
	// Digits only: "1.5e9" or " 123" would sign as a different string than the one received.
	if (!/^\d{1,12}$/.test(raw)) {
		throw new SandboxApiError('InvalidParameter', `The value \`${raw}\` of parameter \`Timestamp\` is not a unix timestamp in seconds.`);
	}
	return Number(raw);
}

export function verifyTc3Request(request: ReceivedRequest, options: VerifyOptions): VerifiedRequest {
	const { headers } = request;
	const authorization = parseTc3Authorization(header(headers, 'authorization'));
	if (!authorization || !ACCEPTED_SIGNED_HEADERS.has(authorization.signedHeaders.join(';'))) {
		throw new SandboxApiError(
			'AuthFailure.InvalidAuthorization',
			'The Authorization header is missing or malformed: expected TC3-HMAC-SHA256 Credential=…, SignedHeaders=content-type;host[;x-tc-action], Signature=….',
		);
	}

	const action = header(headers, 'x-tc-action');
	if (action === undefined) throw missingParameter('Action');
	const version = header(headers, 'x-tc-version');
	if (version === undefined) throw missingParameter('Version');
	const timestamp = readTimestamp(headers);

	const serverSeconds = Math.floor(options.nowMs / 1000);
	if (Math.abs(serverSeconds - timestamp) > MAX_CLOCK_SKEW_SECONDS) {
		throw new SandboxApiError(
			'AuthFailure.SignatureExpire',
			`Signature expired. Please use local time and enable NTP service for time synchronization to avoid a deviation between \`Timestamp\` and the server time ${serverSeconds}.`,
		);
	}

	const key = options.keys.get(authorization.secretId);
	if (!key) {
		throw new SandboxApiError('AuthFailure.SecretIdNotFound', 'The SecretId is not found, please ensure that your SecretId is correct.');
	}

	// The scope must name the UTC date of the timestamp and the action's own service.
	const actionService = options.serviceOf(action);
	if (authorization.date !== tc3Date(timestamp) || (actionService !== undefined && authorization.service !== actionService)) {
		throw signatureFailure();
	}

	const expected = signTc3({
		secretId: key.secretId,
		secretKey: key.secretKey,
		service: authorization.service,
		host: header(headers, 'host') ?? '',
		method: request.method,
		payload: request.body,
		query: request.rawQuery,
		contentType: header(headers, 'content-type') ?? '',
		timestamp,
		action,
		signedHeaders: authorization.signedHeaders,
	});
	if (!timingSafeEqual(Buffer.from(expected.signature, 'hex'), Buffer.from(authorization.signature, 'hex'))) {
		throw signatureFailure();
	}

	// A temporary key is only valid with its own token; a permanent key takes none.
	if (header(headers, 'x-tc-token') !== key.sessionToken) {
		throw new SandboxApiError('AuthFailure.TokenFailure', 'The provided Token is invalid or does not belong to this SecretId.');
	}

	return {
		key,
		action,
		version,
		region: header(headers, 'x-tc-region'),
		language: header(headers, 'x-tc-language'),
	};
}
