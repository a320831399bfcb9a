/**
 * The sandbox's document check over real HTTP, both API generations: a token, PROCESSING for the
 * configured polls or seconds, then the scenario's final status; Tencent's checks on the request;
 * unknown, expired and other-generation tokens refused.
 */
import { GENERATIONS } from '../../lib/tencent/pendingVerifications/cardVerification/generations';
import { TencentCloudClient } from '../../lib/tencent/client';
import { TencentCloudError } from '../../lib/tencent/errors';
import { ApplyCardVerification } from '../../lib/tencent/actions/ApplyCardVerification';
import { ApplyCardVerificationExternal } from '../../lib/tencent/actions/ApplyCardVerificationExternal';
import { GetCardVerificationExternalResult } from '../../lib/tencent/actions/GetCardVerificationExternalResult';
import { GetCardVerificationResult } from '../../lib/tencent/actions/GetCardVerificationResult';
import { cardVerificationActions } from '../../sandbox/actions/cardVerificationActions';
import { testJpeg, testPng } from '../../sandbox/actions/testImages';
import { SANDBOX_CREDENTIALS, startSandbox, type Sandbox } from '../../sandbox/server';
import { createUndiciTransport } from '../support/undiciTransport';

/** The sandbox clock runs this far ahead of the real one; clients sign with the same offset. */
let offsetMs = 0;
let sandbox: Sandbox;
let client: TencentCloudClient;

function clientFor(target: Sandbox, region = 'ap-singapore'): TencentCloudClient {
	const transport = createUndiciTransport({ ...SANDBOX_CREDENTIALS, customEndpoint: target.url, clockOffsetSeconds: offsetMs / 1000 });
	return new TencentCloudClient(transport, { region });
}
const desk = cardVerificationActions({ processingPolls: 2, pollingWaitTime: 3, maxPollingTimes: 7, tokenTtlSeconds: 600 });

beforeAll(async () => {
	sandbox = await startSandbox({ now: () => Date.now() + offsetMs, actions: desk.actions });
	client = clientFor(sandbox);
});
afterAll(async () => sandbox.close());

const base64 = (bytes: Buffer) => bytes.toString('base64');

async function apiError(promise: Promise<unknown>): Promise<TencentCloudError> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof TencentCloudError) return error;
		throw error;
	}
	throw new Error('expected a Tencent error');
}

test('faceid generation: a token with Tencent polling plan, PROCESSING for two polls, then the final status with card data', async () => {
	const applied = await client.call(ApplyCardVerification, {
		Nationality: 'IDN',
		CardType: 'ID_CARD',
		ImageBase64Front: base64(testPng({ result: 'PASSED', name: 'BUDI SANTOSO' })),
	});
	expect(applied).toMatchObject({ AsyncCardVerificationPollingWaitTime: 3, AsyncCardVerificationMaxPollingTimes: 7 });
	const token = applied.CardVerificationToken;
	expect((await client.call(GetCardVerificationResult, { CardVerificationToken: token })).Status).toBe('PROCESSING');
	expect((await client.call(GetCardVerificationResult, { CardVerificationToken: token })).Status).toBe('PROCESSING');
	const final = await client.call(GetCardVerificationResult, { CardVerificationToken: token });
	expect(final).toMatchObject({ Status: 'PASSED', WarnInfo: [], Nationality: 'IDN', CardType: 'ID_CARD' });
	expect(final.CardInfo).toEqual({ GeneralCard: expect.objectContaining({ FullName: 'BUDI SANTOSO' }) });
	// Final answers are stable.
	expect((await client.call(GetCardVerificationResult, { CardVerificationToken: token })).Status).toBe('PASSED');
	expect(sandbox.requests.filter((r) => r.action === 'ApplyCardVerification').every((r) => r.billable)).toBe(true);
	expect(sandbox.requests.filter((r) => r.action === 'GetCardVerificationResult').some((r) => r.billable)).toBe(false);
});

test.each([
	['faceid', 'WARNING', { Status: 'WARNING', WarnInfo: ['The document may be a photocopy'] }],
	['faceid', 'REJECTED', { Status: 'REJECTED', WarnInfo: ['The document appears to have been edited'] }],
	['ocr', 'PASSED', { Status: 'COMPLETED', WarnInfo: [] }],
	['ocr', 'WARNING', { Status: 'COMPLETED', WarnInfo: ['ScreenshotSuspected'] }],
	['ocr', 'ABNORMAL', { Status: 'ABNORMAL', WarnInfo: ['FakeSuspected'] }],
] as const)('%s generation, scenario %s: final answer %j', async (generation, scenario, expected) => {
	const { apply, getResult } = GENERATIONS[generation];
	const { CardVerificationToken } = await client.call(apply, {
		Nationality: 'IDN',
		CardType: 'DRIVING_LICENSE',
		ImageBase64Front: base64(testJpeg({ result: scenario })),
	});
	let answer: Record<string, unknown> = {};
	for (let poll = 0; poll < 3; poll++) answer = await client.call(getResult, { CardVerificationToken });
	expect(answer).toMatchObject(expected);
});

test('the OCR generation returns only the token, and the head image when asked', async () => {
	const applied = await client.call(ApplyCardVerificationExternal, {
		Nationality: 'SGP',
		CardType: 'RESIDENCE_PERMIT',
		ImageBase64Front: base64(testPng()),
		ImageBase64Back: base64(testPng()),
		ReturnHeadImage: true,
	});
	expect(Object.keys(applied).sort()).toEqual(['CardVerificationToken', 'RequestId']);
	let answer: Record<string, unknown> = {};
	for (let poll = 0; poll < 3; poll++) {
		answer = await client.call(GetCardVerificationExternalResult, { CardVerificationToken: applied.CardVerificationToken });
	}
	expect(answer).toMatchObject({ Status: 'COMPLETED', BackCardInfo: expect.any(Object), CardVerificationToken: applied.CardVerificationToken });
	expect(String(answer.HeadImageBase64).length).toBeGreaterThan(0);
});

test('a scenario of PROCESSING never finishes; processingSeconds holds the result back on the sandbox clock', async () => {
	const stuck = await client.call(ApplyCardVerification, { Nationality: 'IDN', CardType: 'ID_CARD', ImageBase64Front: base64(testPng({ result: 'PROCESSING' })) });
	for (let poll = 0; poll < 5; poll++) {
		expect((await client.call(GetCardVerificationResult, { CardVerificationToken: stuck.CardVerificationToken })).Status).toBe('PROCESSING');
	}
	const timed = cardVerificationActions({ processingPolls: 0, processingSeconds: 30 });
	const slow = await startSandbox({ now: () => Date.now() + offsetMs, actions: timed.actions });
	try {
		let slowClient = clientFor(slow, 'ap-jakarta');
		const { CardVerificationToken } = await slowClient.call(ApplyCardVerification, { Nationality: 'IDN', CardType: 'ID_CARD', ImageBase64Front: base64(testPng()) });
		expect((await slowClient.call(GetCardVerificationResult, { CardVerificationToken })).Status).toBe('PROCESSING');
		offsetMs += 30_000;
		slowClient = clientFor(slow, 'ap-jakarta');
		expect((await slowClient.call(GetCardVerificationResult, { CardVerificationToken })).Status).toBe('PASSED');
	} finally {
		await slow.close();
	}
});

test('unknown, expired and other-generation tokens are refused with InvalidParameterValue', async () => {
	expect(await apiError(client.call(GetCardVerificationResult, { CardVerificationToken: 'cv-nope' }))).toMatchObject({
		code: 'InvalidParameterValue',
		message: expect.stringContaining('does not exist'),
	});
	const { CardVerificationToken } = await client.call(ApplyCardVerification, { Nationality: 'IDN', CardType: 'ID_CARD', ImageBase64Front: base64(testPng()) });
	expect(await apiError(client.call(GetCardVerificationExternalResult, { CardVerificationToken }))).toMatchObject({ code: 'InvalidParameterValue' });
	offsetMs += 601_000;
	client = clientFor(sandbox);
	expect(await apiError(client.call(GetCardVerificationResult, { CardVerificationToken }))).toMatchObject({
		code: 'InvalidParameterValue',
		message: expect.stringContaining('expired'),
	});
});

test("Apply checks what Tencent checks: region, document codes, the front image, the back side the seed's table requires, image size", async () => {
	const front = base64(testPng());
	const other = clientFor(sandbox, 'ap-guangzhou');
	expect(await apiError(other.call(ApplyCardVerification, { Nationality: 'IDN', CardType: 'ID_CARD', ImageBase64Front: front }))).toMatchObject({ code: 'UnsupportedRegion' });
	expect(await apiError(client.call(ApplyCardVerification, { Nationality: 'FRA', CardType: 'ID_CARD', ImageBase64Front: front }))).toMatchObject({ code: 'InvalidParameterValue' });
	expect(await apiError(client.call(ApplyCardVerification, { Nationality: 'IDN', CardType: 'RESIDENCE_PERMIT', ImageBase64Front: front }))).toMatchObject({ code: 'InvalidParameterValue' });
	expect(await apiError(client.call(ApplyCardVerification, { Nationality: 'IDN', CardType: 'ID_CARD' }))).toMatchObject({
		code: 'InvalidParameterValue.InvalidParameterValueLimit',
	});
	expect(await apiError(client.call(ApplyCardVerification, { Nationality: 'HKG', CardType: 'ID_CARD', ImageBase64Front: front }))).toMatchObject({
		code: 'InvalidParameterValue.InvalidParameterValueLimit',
		message: expect.stringContaining('back of a HKG ID_CARD'),
	});
	await expect(client.call(ApplyCardVerification, { Nationality: 'HKG', CardType: 'ID_CARD', ImageBase64Front: front, ImageBase64Back: front })).resolves.toMatchObject({
		CardVerificationToken: expect.any(String),
	});
	const big = base64(testPng(undefined, { minBytes: 1_700_000 }));
	// 1.7 MB is 2.27 MB as base64: within the faceid generation's 5 MB, over the OCR generation's 2 MB.
	await expect(client.call(ApplyCardVerification, { Nationality: 'IDN', CardType: 'ID_CARD', ImageBase64Front: big })).resolves.toBeDefined();
	expect(await apiError(client.call(ApplyCardVerificationExternal, { Nationality: 'IDN', CardType: 'ID_CARD', ImageBase64Front: big }))).toMatchObject({
		code: 'FailedOperation.ImageSizeTooLarge',
	});
	expect(await apiError(client.call(ApplyCardVerification, { Nationality: 'IDN', CardType: 'ID_CARD', ImageBase64Front: Buffer.from('GIF89a....').toString('base64') }))).toMatchObject({
		code: 'InvalidParameter.EngineImageDecodeFailed',
	});
});
