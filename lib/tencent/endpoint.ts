/** Where a request goes: Tencent's China or international site, or a custom endpoint (sandbox, gateway). */
export type TencentSite = 'china' | 'international';

export interface Endpoint {
	/** Absolute URL to POST to. */
	url: string;
	/** Host header value (with port when not the default): it is part of the signature. */
	host: string;
}

export function resolveEndpoint(options: { site?: string; customEndpoint?: string; service: string }): Endpoint {
	const custom = options.customEndpoint?.trim();
	if (custom) {
		let parsed: URL;
		try {
			parsed = new URL(custom);
		} catch {
			throw new Error(`Custom endpoint "${custom}" is not a valid URL (expected http(s)://host[:port])`);
		}
		if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
			throw new Error(`Custom endpoint must use http or https, not ${parsed.protocol}`);
		}
		const path = parsed.pathname.endsWith('/') ? parsed.pathname : `${parsed.pathname}/`;
		return { url: `${parsed.protocol}//${parsed.host}${path}`, host: parsed.host };
	}
	const host =
		options.site === 'international'
			? `${options.service}.intl.tencentcloudapi.com`
			: `${options.service}.tencentcloudapi.com`;
	return { url: `https://${host}/`, host };
}
