import { readFileSync } from 'fs';
import { join } from 'path';

import { TencentCloudClient } from '../../lib/tencent/client';
import { TencentCloudError } from '../../lib/tencent/errors';
import {
	IdCardVerification,
	type IdCardVerificationRequest,
	type IdCardVerificationResponse,
} from '../../lib/tencent/actions/IdCardVerification';
import { MAX_NAME_LENGTH } from '../../lib/tencent/idCardNumber';
import { isBillable } from '../../lib/tencent/outcomes';
import { BILLABLE_RESULTS, RESULT_DESCRIPTIONS, TEST_IDENTITIES } from '../../sandbox/identities';
import { SANDBOX_CREDENTIALS, startSandbox, type Sandbox } from '../../sandbox/server';
import { createUndiciTransport } from '../support/undiciTransport';

let sandbox: Sandbox;
let client: TencentCloudClient;

beforeAll(async () => {
	sandbox = await startSandbox();
	client = new TencentCloudClient(createUndiciTransport({ ...SANDBOX_CREDENTIALS, customEndpoint: sandbox.url }));
});
afterAll(() => sandbox.close());

const verify = (Name: unknown, IdCard: unknown) =>
	client.call(IdCardVerification, { Name, IdCard } as IdCardVerificationRequest);

async function apiErrorOf(promise: Promise<unknown>): Promise<TencentCloudError> {
	const error = await promise.then(
		() => undefined,
		(reason: unknown) => reason,
	);
	expect(error).toBeInstanceOf(TencentCloudError);
	return error as TencentCloudError;
}

describe('the test identity table', () => {
	test('covers every Result code', () => {
		expect(new Set(TEST_IDENTITIES.map((row) => row.result))).toEqual(new Set(Object.keys(RESULT_DESCRIPTIONS)));
	});

	test('is the one documented in sandbox/README.md', () => {
		const readme = readFileSync(join(__dirname, '../../sandbox/README.md'), 'utf8');
		const section = readme.split('## IdCardVerification test identities')[1].split('\n## ')[0];
		const rows = section
			.split('\n')
			.filter((line) => /^\| [^-|]/.test(line) && !line.startsWith('| Name'))
			.map((line) => line.split('|').map((cell) => cell.trim()));
		expect(rows.map(([, name, idCard, result, , billable]) => [name, idCard, result, billable])).toEqual(
			TEST_IDENTITIES.map((row) => [row.name, row.idCard, row.result, BILLABLE_RESULTS.has(row.result) ? 'yes' : 'no']),
		);
	});

	test.each(TEST_IDENTITIES.map((row) => [row.result, row.name, row.idCard] as const))(
		'Result %s for %s / %s',
		async (result, name, idCard) => {
			const response: IdCardVerificationResponse = await verify(name, idCard);
			expect(response.Result).toBe(result);
			expect(response.Description).toBe(RESULT_DESCRIPTIONS[result]);
			expect(response.RequestId).toMatch(/^[0-9a-f-]{36}$/);
		},
	);

	test('the log marks exactly "0" and "-1" billable, as the package\'s decision table does', async () => {
		sandbox.clearRequests();
		for (const row of TEST_IDENTITIES) await verify(row.name, row.idCard);
		for (const record of sandbox.requests) {
			expect(record.billable).toBe(BILLABLE_RESULTS.has(record.code));
			expect(record.billable).toBe(isBillable('IdCardVerification', record.code));
		}
		expect(sandbox.requests.filter((record) => record.billable)).toHaveLength(
			TEST_IDENTITIES.filter((row) => row.result === '0' || row.result === '-1').length,
		);
	});
});

describe('input handling', () => {
	test('a lower-case x check character and spaces around the number are accepted', async () => {
		expect((await verify('王五', ' 51010720000229007x ')).Result).toBe('0');
	});

	test('Latin names match ignoring case and repeated spaces', async () => {
		expect((await verify('  wei   XIAOBAO ', '110101199003070011')).Result).toBe('0');
	});

	test('an empty name, a name over MAX_NAME_LENGTH characters or symbols give "-3"', async () => {
		expect((await verify('   ', '110101199003070011')).Result).toBe('-3');
		expect((await verify('A'.repeat(MAX_NAME_LENGTH + 1), '110101199003070011')).Result).toBe('-3');
		expect((await verify('张三!', '110105198506150022')).Result).toBe('-3');
	});

	test('an invalid number is reported before an invalid name', async () => {
		expect((await verify('R2D2', '110101199003070012')).Result).toBe('-2');
	});

	test('a missing Name or IdCard → MissingParameter', async () => {
		expect((await apiErrorOf(verify(undefined, '110101199003070011'))).code).toBe('MissingParameter');
		expect((await apiErrorOf(verify('张三', undefined))).code).toBe('MissingParameter');
	});

	test('a non-string Name or IdCard → InvalidParameterValue', async () => {
		expect((await apiErrorOf(verify('张三', 110105198506150022))).code).toBe('InvalidParameterValue');
		expect((await apiErrorOf(verify(['张三'], '110105198506150022'))).code).toBe('InvalidParameterValue');
	});

	test('Encryption cannot be decrypted by the sandbox', async () => {
		const error = await apiErrorOf(
			client.call(IdCardVerification, {
				Name: 'x',
				IdCard: 'y',
				Encryption: { EncryptList: ['Name'], CiphertextBlob: 'blob', Iv: 'iv' },
			}),
		);
		expect(error.code).toBe('FailedOperation.DecryptSystemError');
	});

	test('API errors arrive as kind "api" with the RequestId and the sandbox Date', async () => {
		const error = await apiErrorOf(verify(undefined, undefined));
		expect(error).toMatchObject({ kind: 'api', httpStatus: 200, requestId: expect.any(String) });
		expect(Number.isNaN(Date.parse(error.serverDate ?? ''))).toBe(false);
	});
});
