/**
 * A signing transport on undici for dev tooling (sandbox tests, benchmarks, scripts), signing as
 * the credential does (lib/tencent/signedRequest.ts). The node itself never uses it: inside n8n,
 * requests go through n8n's HTTP helper and the credential signs.
 */
import { Agent, request } from 'undici';

import type { Transport } from '../../lib/tencent/client';
import { signedRequest } from '../../lib/tencent/signedRequest';

export interface UndiciTransportOptions {
	secretId: string;
	secretKey: string;
	sessionToken?: string;
	site?: 'china' | 'international';
	customEndpoint?: string;
	language?: string;
	/** Seconds added to the local clock when signing. */
	clockOffsetSeconds?: number;
	connections?: number;
}

export function createUndiciTransport(options: UndiciTransportOptions): Transport {
	const dispatcher = new Agent({ connections: options.connections ?? 64, keepAliveTimeout: 10_000 });
	return async (req) => {
		const signed = signedRequest({
			...options,
			action: req.action,
			region: req.region,
			body: req.body,
			timestamp: Math.floor(Date.now() / 1000) + (options.clockOffsetSeconds ?? 0),
		});
		const headers = { ...signed.headers, 'X-TC-Action': req.action, 'X-TC-Version': req.version };

		const response = await request(signed.url, {
			method: 'POST',
			headers,
			body: req.body,
			dispatcher,
			signal: req.signal,
			headersTimeout: req.timeoutMs,
			bodyTimeout: req.timeoutMs,
		});
		return {
			statusCode: response.statusCode,
			headers: response.headers as Record<string, string | string[] | undefined>,
			body: await response.body.text(),
		};
	};
}
