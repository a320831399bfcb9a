import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { CREDENTIAL_PROBE } from '../lib/tencent/catalogue';
import { signedRequest } from '../lib/tencent/signedRequest';

function header(headers: IHttpRequestOptions['headers'], name: string): string | undefined {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
	const value = key === undefined ? undefined : headers[key];
	return value === undefined || value === null ? undefined : String(value);
}

function withoutHeaders(headers: IHttpRequestOptions['headers'], names: string[]): Record<string, unknown> {
	const drop = new Set(names.map((n) => n.toLowerCase()));
	return Object.fromEntries(Object.entries(headers ?? {}).filter(([k]) => !drop.has(k.toLowerCase())));
}

/**
 * What each AuthFailure code of the credential test means for the user. n8n fails the test with the
 * message of the first rule whose key equals its value; MissingParameter (a good key) matches none.
 */
const AUTH_FAILURE_MESSAGES: ReadonlyArray<[code: string, message: string]> = [
	['AuthFailure.SecretIdNotFound', 'SecretId not found: check the SecretId and that it belongs to the selected site'],
	['AuthFailure.InvalidSecretId', 'SecretId is malformed: copy it again from API Key Management'],
	['AuthFailure.SignatureFailure', 'Signature rejected: the SecretKey is wrong for this SecretId'],
	['AuthFailure.SignatureExpire', "Signature expired: this machine's clock is more than 5 minutes off Tencent's; sync it (NTP) and retry"],
	['AuthFailure.TokenFailure', 'Session token rejected: temporary credentials have expired or do not match the SecretId'],
	['AuthFailure.UnauthorizedOperation', 'The key is valid but its CAM policy does not allow FaceID'],
	['UnauthorizedOperation.Nonactivated', 'The key is valid but FaceID is not activated on this account'],
];

export class TencentCloudApi implements ICredentialType {
	name = 'tencentCloudApi';

	displayName = 'Tencent Cloud API';

	icon: Icon = { light: 'file:../icons/tencentCloud.svg', dark: 'file:../icons/tencentCloud.dark.svg' };

	documentationUrl = 'https://www.tencentcloud.com/document/product/213/33224';

	properties: INodeProperties[] = [
		{
			displayName: 'SecretId',
			name: 'secretId',
			// An identifier sent in clear in every Authorization header, not a secret.
			// eslint-disable-next-line n8n-nodes-base/cred-class-field-type-options-password-missing
			type: 'string',
			default: '',
			required: true,
			placeholder: 'AKID…',
			hint: 'From the Tencent Cloud console, API Key Management (CAM). Spaces around it are ignored.',
		},
		{
			displayName: 'SecretKey',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only for temporary credentials from STS (AssumeRole): sent as the X-TC-Token header. Leave empty for permanent keys.',
		},
		{
			displayName: 'Site',
			name: 'site',
			type: 'options',
			options: [
				{ name: 'China (Tencentcloudapi.com)', value: 'china' },
				{ name: 'International (Intl.tencentcloudapi.com)', value: 'international' },
			],
			default: 'international',
			description:
				'The Tencent Cloud site the account belongs to; keys of one site do not work on the other. It also decides which operations run: one the site does not offer fails before anything is sent, with a Custom Endpoint too.',
		},
		{
			displayName: 'Default Region',
			name: 'region',
			type: 'string',
			default: '',
			placeholder: 'ap-guangzhou',
			description:
				'Sent as X-TC-Region when an operation does not set its own region. Most FaceID actions need none.',
		},
		{
			displayName: 'Language',
			name: 'language',
			type: 'options',
			options: [
				{ name: 'English (En-US)', value: 'en-US' },
				{ name: 'Chinese (Zh-CN)', value: 'zh-CN' },
			],
			default: 'en-US',
			description: 'Language of error messages and result descriptions (X-TC-Language)',
		},
		{
			displayName: 'Custom Endpoint',
			name: 'endpoint',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:8787',
			description:
				'Optional http(s) URL that replaces the site host: the local sandbox, a private gateway or a proxy. The signature still uses the API service name.',
		},
		{
			displayName: 'Encryption Public Key (PEM)',
			name: 'encryptionPublicKey',
			type: 'string',
			// A public key: nothing to hide, and a PEM has to be readable to be checked.
			// eslint-disable-next-line n8n-nodes-base/cred-class-field-type-options-password-missing
			typeOptions: { rows: 4 },
			default: '',
			placeholder: '-----BEGIN RSA PUBLIC KEY-----',
			description:
				"RSA public key that wraps the per-request key when a FaceID node's \"Encrypt Sensitive Fields\" option is on. Leave empty for Tencent's published key; replace it only if the FaceID console gives you another one (PEM, or the base64 text the console shows).",
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const action = header(requestOptions.headers, 'X-TC-Action');
		if (!action) {
			throw new Error('Tencent Cloud requests need an X-TC-Action header');
		}
		// n8n sends a string or Buffer body unchanged: serialise once and sign exactly those bytes.
		const body =
			typeof requestOptions.body === 'string' || Buffer.isBuffer(requestOptions.body)
				? requestOptions.body
				: JSON.stringify(requestOptions.body ?? {});
		const signed = signedRequest({
			secretId: String(credentials.secretId ?? ''),
			secretKey: String(credentials.secretKey ?? ''),
			sessionToken: ((credentials.sessionToken as string) || '').trim(),
			site: credentials.site as string | undefined,
			customEndpoint: credentials.endpoint as string | undefined,
			language: (credentials.language as string) || '',
			action,
			region: header(requestOptions.headers, 'X-TC-Region') ?? ((credentials.region as string) || '').trim(),
			body,
			// A caller that corrects clock skew passes its own timestamp; otherwise sign with the local clock.
			timestamp: Number(header(requestOptions.headers, 'X-TC-Timestamp') ?? Math.floor(Date.now() / 1000)),
		});
		const headers: Record<string, unknown> = {
			...withoutHeaders(requestOptions.headers, ['content-type', 'host', 'x-tc-timestamp', 'x-tc-region', 'authorization']),
			...signed.headers,
		};

		return {
			...requestOptions,
			method: 'POST',
			baseURL: undefined,
			url: signed.url,
			body,
			headers: headers as IHttpRequestOptions['headers'],
		};
	}

	/**
	 * Calls the catalogue's probe action with no parameters: Tencent checks the signature first, so a
	 * good key gets MissingParameter (never billed) and a bad one gets an AuthFailure code, told apart below.
	 */
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: '/',
			body: '{}',
			headers: { 'X-TC-Action': CREDENTIAL_PROBE.name, 'X-TC-Version': CREDENTIAL_PROBE.version },
		},
		rules: AUTH_FAILURE_MESSAGES.map(([code, message]) => ({
			type: 'responseSuccessBody' as const,
			properties: { key: 'Response.Error.Code', value: code, message },
		})),
	};
}
