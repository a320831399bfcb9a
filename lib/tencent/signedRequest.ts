/**
 * Where an API 3.0 request goes and the headers that sign it: the one assembly of the TC3 request
 * both the credential's `authenticate` (inside n8n) and the development transport use. No n8n import.
 */
import { serviceForAction } from './catalogue';
import { resolveEndpoint } from './endpoint';
import { JSON_CONTENT_TYPE, signTc3 } from './signer';

/** Signed with `x-tc-action` too, as Tencent's newer docs do: the action cannot be swapped in transit. */
export const SIGNED_HEADERS = ['content-type', 'host', 'x-tc-action'];

export interface SignedRequestInput {
	secretId: string;
	secretKey: string;
	sessionToken?: string;
	/** `international`, or else China; ignored with a custom endpoint (the credential defaults to `international`). */
	site?: string;
	customEndpoint?: string;
	language?: string;
	action: string;
	region?: string;
	/** The exact bytes that are sent. */
	body: string | Buffer;
	/** Unix seconds. */
	timestamp: number;
}

export interface SignedRequest {
	url: string;
	/** Authorization, Content-Type, Host, X-TC-Timestamp and, when set, X-TC-Region, X-TC-Token, X-TC-Language. */
	headers: Record<string, string>;
}

export function signedRequest(input: SignedRequestInput): SignedRequest {
	const service = serviceForAction(input.action);
	const endpoint = resolveEndpoint({ site: input.site, customEndpoint: input.customEndpoint, service });
	const { authorization } = signTc3({
		secretId: input.secretId,
		secretKey: input.secretKey,
		service,
		host: endpoint.host,
		method: 'POST',
		payload: input.body,
		contentType: JSON_CONTENT_TYPE,
		timestamp: input.timestamp,
		action: input.action,
		signedHeaders: SIGNED_HEADERS,
	});
	const headers: Record<string, string> = {
		Authorization: authorization,
		'Content-Type': JSON_CONTENT_TYPE,
		Host: endpoint.host,
		'X-TC-Timestamp': String(input.timestamp),
	};
	if (input.region) headers['X-TC-Region'] = input.region;
	if (input.sessionToken) headers['X-TC-Token'] = input.sessionToken;
	if (input.language) headers['X-TC-Language'] = input.language;
	return { url: endpoint.url, headers };
}
