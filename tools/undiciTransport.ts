/**
 * A signing transport on undici for dev tooling (sandbox tests, benchmarks, scripts). The node
 * itself never uses it: inside n8n, requests go through n8n's HTTP helper and the credential signs.
 */
import { Agent, request } from 'undici';

import type { Transport } from '../lib/tencent/client';
import { resolveEndpoint } from '../lib/tencent/endpoint';
import { JSON_CONTENT_TYPE, signTc3 } from '../lib/tencent/signer';

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
		const endpoint = resolveEndpoint({ site: options.site, customEndpoint: options.customEndpoint, service: req.service });
		const timestamp = Math.floor(Date.now() / 1000) + (options.clockOffsetSeconds ?? 0);
		const signature = signTc3({
			secretId: options.secretId,
			secretKey: options.secretKey,
			service: req.service,
			host: endpoint.host,
			method: 'POST',
			payload: req.body,
			contentType: JSON_CONTENT_TYPE,
			timestamp,
			action: req.action,
			signedHeaders: ['content-type', 'host', 'x-tc-action'],
		});
		const headers: Record<string, string> = {
			Authorization: signature.authorization,
			'Content-Type': JSON_CONTENT_TYPE,
			Host: endpoint.host,
			'X-TC-Action': req.action,
			'X-TC-Version': req.version,
			'X-TC-Timestamp': String(timestamp),
		};
		if (req.region) headers['X-TC-Region'] = req.region;
		if (options.sessionToken) headers['X-TC-Token'] = options.sessionToken;
		if (options.language) headers['X-TC-Language'] = options.language;

		const response = await request(endpoint.url, {
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
