/**
 * Raw HTTP to the sandbox with hand-made TC3 signatures, so tests can break exactly one thing
 * (the body, the date, the key...) after signing. Node's http module: it lets us set Host.
 */
import { createHmac } from 'crypto';
import { request as httpRequest } from 'http';

import { deriveSigningKey, JSON_CONTENT_TYPE, sha256Hex, signTc3, TC3_ALGORITHM } from '../../lib/tencent/signer';
import { SANDBOX_CREDENTIALS } from '../../sandbox/server';

export interface RawResponse {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	text: string;
}

export interface ApiEnvelope {
	Response: Record<string, unknown> & {
		RequestId: string;
		Error?: { Code: string; Message: string };
	};
}

export function sendRaw(
	baseUrl: string,
	options: { method: string; path?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawResponse> {
	const url = new URL(options.path ?? '/', baseUrl);
	return new Promise((resolve, reject) => {
		const req = httpRequest(url, { method: options.method, headers: options.headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () =>
				resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
			);
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end(options.body);
	});
}

export interface SignedCall {
	timestamp: number;
	action?: string;
	version?: string;
	service?: string;
	method?: 'POST' | 'GET';
	/** POST body (default `{}`) or, for GET, the query parameters. */
	body?: string;
	query?: string;
	secretId?: string;
	secretKey?: string;
	token?: string;
	signedHeaders?: string[];
	contentType?: string;
	/** Signs with this credential-scope date instead of the timestamp's UTC date. */
	scopeDate?: string;
}

/** Headers of a correctly signed request (unless `scopeDate` says otherwise). */
export function signedHeaders(baseUrl: string, call: SignedCall): Record<string, string> {
	const host = new URL(baseUrl).host;
	const method = call.method ?? 'POST';
	const action = call.action ?? 'IdCardVerification';
	const service = call.service ?? 'faceid';
	const secretId = call.secretId ?? SANDBOX_CREDENTIALS.secretId;
	const secretKey = call.secretKey ?? SANDBOX_CREDENTIALS.secretKey;
	const contentType = call.contentType ?? (method === 'GET' ? 'application/x-www-form-urlencoded' : JSON_CONTENT_TYPE);
	const signature = signTc3({
		secretId,
		secretKey,
		service,
		host,
		method,
		payload: method === 'GET' ? '' : (call.body ?? '{}'),
		query: call.query,
		contentType,
		timestamp: call.timestamp,
		action,
		signedHeaders: call.signedHeaders,
	});
	const authorization = call.scopeDate
		? signWithScopeDate(signature.canonicalRequest, signature.signedHeaders, call, secretId, secretKey, service, call.scopeDate)
		: signature.authorization;
	const headers: Record<string, string> = {
		Authorization: authorization,
		'Content-Type': contentType,
		Host: host,
		'X-TC-Action': action,
		'X-TC-Version': call.version ?? '2018-03-01',
		'X-TC-Timestamp': String(call.timestamp),
	};
	if (call.token !== undefined) headers['X-TC-Token'] = call.token;
	return headers;
}

/** A self-consistent signature over another scope date: the local-time-date bug of UTC+8 clients. */
function signWithScopeDate(
	canonicalRequest: string,
	signedHeaderNames: string,
	call: SignedCall,
	secretId: string,
	secretKey: string,
	service: string,
	date: string,
): string {
	const scope = `${date}/${service}/tc3_request`;
	const stringToSign = [TC3_ALGORITHM, String(call.timestamp), scope, sha256Hex(canonicalRequest)].join('\n');
	const signature = createHmac('sha256', deriveSigningKey(secretKey, date, service)).update(stringToSign).digest('hex');
	return `${TC3_ALGORITHM} Credential=${secretId}/${scope}, SignedHeaders=${signedHeaderNames}, Signature=${signature}`;
}

/** Sends a signed POST (or GET with `query`) and parses Tencent's envelope. */
export async function callSigned(
	baseUrl: string,
	call: SignedCall,
	tamper: (request: { headers: Record<string, string>; body: string; path: string }) => void = () => {},
): Promise<ApiEnvelope & { raw: RawResponse }> {
	const method = call.method ?? 'POST';
	const request = {
		headers: signedHeaders(baseUrl, call),
		body: method === 'GET' ? '' : (call.body ?? '{}'),
		path: call.query ? `/?${call.query}` : '/',
	};
	tamper(request);
	const raw = await sendRaw(baseUrl, { method, path: request.path, headers: request.headers, body: request.body });
	return { ...(JSON.parse(raw.text) as ApiEnvelope), raw };
}

export function errorCode(envelope: ApiEnvelope): string | undefined {
	return envelope.Response.Error?.Code;
}

/** A controllable sandbox clock. */
export function manualClock(startMs: number): { now: () => number; ms: number; seconds: () => number } {
	const clock = {
		ms: startMs,
		now: () => clock.ms,
		seconds: () => Math.floor(clock.ms / 1000),
	};
	return clock;
}
