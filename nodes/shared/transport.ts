/**
 * The node's transport: every request goes through n8n's HTTP helper, so the instance's proxy,
 * TLS and outbound-network policy apply, and the credential's `authenticate` signs it.
 */
import type { ICredentialDataDecryptedObject, IExecuteFunctions, IHttpRequestOptions, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { Transport } from '../../lib/tencent/client';

export const CREDENTIAL_TYPE = 'tencentCloudApi';

export interface N8nTransportOptions {
	/**
	 * Unix seconds to sign each request with, read at send time; absent means the local clock.
	 * The node passes a clock corrected from Tencent's Date header after AuthFailure.SignatureExpire.
	 */
	timestamp?: () => number;
	/**
	 * The credential as the execution already read it: n8n's helper then signs with it instead of
	 * reading and decrypting it again for every request (most of a request's CPU in n8n).
	 */
	credentials?: ICredentialDataDecryptedObject;
}

export function n8nTransport(context: IExecuteFunctions | IPollFunctions | IWebhookFunctions, transportOptions: N8nTransportOptions = {}): Transport {
	const { credentials } = transportOptions;
	return async (request) => {
		const headers: Record<string, string> = {
			'X-TC-Action': request.action,
			'X-TC-Version': request.version,
		};
		if (request.region) headers['X-TC-Region'] = request.region;
		// The credential signs with this header's value when present.
		if (transportOptions.timestamp) headers['X-TC-Timestamp'] = String(transportOptions.timestamp());

		const options: IHttpRequestOptions = {
			method: 'POST',
			url: '/',
			// A string, or a Buffer for an image request: n8n's helper (axios) sends either unchanged,
			// and a Buffer without making another copy of a multi-megabyte body.
			body: request.body,
			headers,
			// Keep the raw text: the client parses it and tells a proxy's HTML page from Tencent's JSON.
			encoding: 'text',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		};
		if (request.timeoutMs) options.timeout = request.timeoutMs;
		if (request.signal) options.abortSignal = request.signal;

		const response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			CREDENTIAL_TYPE,
			options,
			credentials && { credentialsDecrypted: { id: '', name: CREDENTIAL_TYPE, type: CREDENTIAL_TYPE, data: credentials } },
		)) as {
			statusCode: number;
			headers: Record<string, string | string[] | undefined>;
			body: unknown;
		};
		const body = response.body;
		return {
			statusCode: response.statusCode,
			headers: response.headers ?? {},
			body: typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : JSON.stringify(body ?? ''),
		};
	};
}
