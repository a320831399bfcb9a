/**
 * The credential's `test` against the sandbox, evaluated the way n8n's credential tester does:
 * send `test.request` through the credential's own `authenticate`, then the first
 * `responseSuccessBody` rule whose key strictly equals its value fails the test with its message.
 */
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';
import { request } from 'undici';

import { TencentCloudApi } from '../../credentials/TencentCloudApi.credentials';
import { SANDBOX_CREDENTIALS, startSandbox, type Sandbox } from '../../sandbox/server';
import { sandboxCredential } from '../support/faceIdWorkflow';

const credentialType = new TencentCloudApi();

function valueAt(body: unknown, path: string): unknown {
	return path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], body);
}

async function testCredential(data: ICredentialDataDecryptedObject): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const signed = await credentialType.authenticate(data, {
		...(credentialType.test.request as IHttpRequestOptions),
		headers: { ...(credentialType.test.request.headers as Record<string, string>) },
	});
	const response = await request(signed.url, {
		method: 'POST',
		headers: signed.headers as Record<string, string>,
		body: signed.body as string,
	});
	const body = (await response.body.json()) as unknown;
	for (const rule of credentialType.test.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		if (valueAt(body, rule.properties.key) === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: JSON.stringify(valueAt(body, 'Response.Error.Code') ?? 'no error') };
}

describe('credential test (rules against the sandbox)', () => {
	let sandbox: Sandbox;
	let clockShiftMs = 0;
	const temporaryKey = { secretId: 'AKIDSTS00000000000000000000000000001', secretKey: 'sts-secret-key', sessionToken: 'sts-token-1' };

	beforeAll(async () => {
		sandbox = await startSandbox({
			keys: [SANDBOX_CREDENTIALS, temporaryKey],
			now: () => Date.now() + clockShiftMs,
		});
	});
	afterAll(async () => sandbox.close());
	afterEach(() => {
		clockShiftMs = 0;
	});

	const base = (): ICredentialDataDecryptedObject => sandboxCredential(sandbox);

	it('passes with the right keys: Tencent answers MissingParameter, which no rule matches', async () => {
		const result = await testCredential(base());
		expect(result).toEqual({ status: 'OK', message: '"MissingParameter"' });
		// The probe is never billed.
		expect(sandbox.requests.at(-1)?.billable).toBe(false);
	});

	it('tells a wrong SecretId', async () => {
		const result = await testCredential({ ...base(), secretId: 'AKIDUNKNOWN000000000000000000000000' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^SecretId not found/);
	});

	it('tells a wrong SecretKey', async () => {
		const result = await testCredential({ ...base(), secretKey: 'not-the-key' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/SecretKey is wrong/);
	});

	it('tells an expired signature (clock more than 5 minutes off)', async () => {
		clockShiftMs = 301_000;
		const result = await testCredential(base());
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Signature expired/);
	});

	it('tells a wrong session token of temporary credentials', async () => {
		const result = await testCredential({ ...base(), ...temporaryKey, sessionToken: 'stale-token' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Session token rejected/);
		const ok = await testCredential({ ...base(), ...temporaryKey });
		expect(ok.status).toBe('OK');
	});

	it('ignores spaces pasted around the keys', async () => {
		const result = await testCredential({
			...base(),
			secretId: `  ${SANDBOX_CREDENTIALS.secretId}\n`,
			secretKey: ` ${SANDBOX_CREDENTIALS.secretKey} `,
		});
		expect(result.status).toBe('OK');
	});
});
