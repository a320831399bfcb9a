/**
 * Where a request goes: Tencent's China or international host for the action's service, or a
 * custom endpoint (the sandbox, a gateway), whose host:port is what gets signed.
 */
import { resolveEndpoint } from '../../../lib/tencent/endpoint';

describe('resolveEndpoint', () => {
	test.each([
		['china', 'faceid', 'faceid.tencentcloudapi.com'],
		['international', 'faceid', 'faceid.intl.tencentcloudapi.com'],
		['china', 'ocr', 'ocr.tencentcloudapi.com'],
		['international', 'ocr', 'ocr.intl.tencentcloudapi.com'],
		[undefined, 'faceid', 'faceid.tencentcloudapi.com'],
	])('site %s, service %s → %s', (site, service, host) => {
		expect(resolveEndpoint({ site, service })).toEqual({ url: `https://${host}/`, host });
	});

	test('a custom endpoint with a port keeps host:port', () => {
		expect(resolveEndpoint({ site: 'international', customEndpoint: 'http://127.0.0.1:8080', service: 'faceid' })).toEqual({
			url: 'http://127.0.0.1:8080/',
			host: '127.0.0.1:8080',
		});
		expect(resolveEndpoint({ customEndpoint: '  https://gw.example.com:8443/tencent  ', service: 'faceid' })).toEqual({
			url: 'https://gw.example.com:8443/tencent/',
			host: 'gw.example.com:8443',
		});
	});

	test('a default port is not part of the Host header', () => {
		expect(resolveEndpoint({ customEndpoint: 'https://gw.example.com:443/', service: 'faceid' }).host).toBe('gw.example.com');
	});

	test('a blank custom endpoint falls back to the site', () => {
		expect(resolveEndpoint({ site: 'international', customEndpoint: '   ', service: 'faceid' }).host).toBe(
			'faceid.intl.tencentcloudapi.com',
		);
	});

	test('a bad URL is rejected with a clear message', () => {
		expect(() => resolveEndpoint({ customEndpoint: 'faceid.example.com', service: 'faceid' })).toThrow(
			'Custom endpoint "faceid.example.com" is not a valid URL (expected http(s)://host[:port])',
		);
		expect(() => resolveEndpoint({ customEndpoint: 'http://', service: 'faceid' })).toThrow(/not a valid URL/);
	});

	test('a non-http scheme is rejected', () => {
		expect(() => resolveEndpoint({ customEndpoint: 'ftp://files.example.com', service: 'faceid' })).toThrow(
			'Custom endpoint must use http or https, not ftp:',
		);
	});
});

describe('the URL of a custom endpoint', () => {
	test('a path keeps its place and gains the trailing slash the API posts to', () => {
		expect(resolveEndpoint({ customEndpoint: 'http://localhost:3000/api/v3', service: 'ocr' })).toEqual({
			url: 'http://localhost:3000/api/v3/',
			host: 'localhost:3000',
		});
		expect(resolveEndpoint({ customEndpoint: 'http://localhost:3000/api/v3/', service: 'ocr' }).url).toBe('http://localhost:3000/api/v3/');
	});

	test('the service does not change a custom endpoint; the site is ignored', () => {
		const faceid = resolveEndpoint({ site: 'china', customEndpoint: 'https://gw.example.com', service: 'faceid' });
		const ocr = resolveEndpoint({ site: 'international', customEndpoint: 'https://gw.example.com', service: 'ocr' });
		expect(faceid).toEqual(ocr);
		expect(faceid).toEqual({ url: 'https://gw.example.com/', host: 'gw.example.com' });
	});

	test('a query string or fragment is not sent along', () => {
		expect(resolveEndpoint({ customEndpoint: 'https://gw.example.com/x?token=abc#frag', service: 'faceid' }).url).toBe('https://gw.example.com/x/');
	});
});
