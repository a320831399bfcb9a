/**
 * The sandbox's photo actions, called directly with the API client over real HTTP: Tencent's
 * priority when several inputs are sent, its size and format rules, Config, warnings, and every
 * code of the package's decision table reachable and billed as the table says.
 */
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';

import { TencentCloudClient } from '../../lib/tencent/client';
import { TencentCloudError } from '../../lib/tencent/errors';
import { base64Length, MEGABYTE } from '../../lib/tencent/images';
import { CheckIdCardInformation } from '../../lib/tencent/actions/CheckIdCardInformation';
import { IdCardOCRVerification } from '../../lib/tencent/actions/IdCardOCRVerification';
import { ImageRecognitionV2 } from '../../lib/tencent/actions/ImageRecognitionV2';
import { OUTCOME_TABLES } from '../../lib/tencent/catalogue';
import { isBillable } from '../../lib/tencent/outcomes';
import { GIF_BYTES, readImageScenario, testJpeg, testPng } from '../../sandbox/actions/testImages';
import { SANDBOX_CREDENTIALS, startSandbox, type Sandbox } from '../../sandbox/server';
import { createUndiciTransport } from '../support/undiciTransport';

const ZHANG_SAN = { Name: '张三', IdCard: '110105198506150022' };
const WANG_WU_ID = '51010720000229007X';

let sandbox: Sandbox;
let client: TencentCloudClient;
let imageServer: Server;
let images: string;
const served = new Map<string, Buffer>();

beforeAll(async () => {
	// Many calls per second here; the 20/s limit of ImageRecognitionV2 is tested with the rate limiter.
	sandbox = await startSandbox({ rateLimits: { ImageRecognitionV2: Infinity } });
	client = new TencentCloudClient(createUndiciTransport({ ...SANDBOX_CREDENTIALS, customEndpoint: sandbox.url }));
	imageServer = createServer((req, res) => {
		const bytes = served.get(req.url ?? '');
		if (req.url === '/slow.jpg') {
			setTimeout(() => res.end(testJpeg({ person: ZHANG_SAN.IdCard })), 3500);
			return;
		}
		res.statusCode = bytes ? 200 : 404;
		res.end(bytes ?? 'not found');
	});
	await new Promise<void>((resolve) => imageServer.listen(0, '127.0.0.1', resolve));
	images = `http://127.0.0.1:${(imageServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
	await sandbox.close();
	imageServer.closeAllConnections();
	await new Promise<void>((resolve) => imageServer.close(() => resolve()));
});
beforeEach(() => sandbox.clearRequests());

function serve(path: string, bytes: Buffer): string {
	served.set(path, bytes);
	return `${images}${path}`;
}

async function apiError(promise: Promise<unknown>): Promise<TencentCloudError> {
	const error = await promise.then(
		(value) => {
			throw new Error(`expected an API error, got ${JSON.stringify(value).slice(0, 200)}`);
		},
		(reason: unknown) => reason,
	);
	expect(error).toBeInstanceOf(TencentCloudError);
	return error as TencentCloudError;
}

const b64 = (bytes: Buffer) => bytes.toString('base64');

describe('test images', () => {
	test('carry their scenario, whatever the format, and decode as 1×1 images', () => {
		const scenario = { person: ZHANG_SAN.IdCard, name: '李四', sim: 65.5, warn: ['-9102', '-9103'], via: 'error' as const };
		expect(readImageScenario(testPng(scenario))).toEqual(scenario);
		expect(readImageScenario(testJpeg(scenario))).toEqual(scenario);
		expect(readImageScenario(testJpeg())).toBeUndefined();
		expect(readImageScenario(Buffer.from('faceid-sandbox:person=1'))).toBeUndefined(); // no terminator
	});

	test('pad to a requested size, so limits can be tested at their edge', () => {
		expect(testPng({}, { minBytes: 100_000 }).length).toBe(100_000);
		expect(testJpeg({}, { minBytes: 200_000 }).length).toBe(200_000);
	});
});

describe('IdCardOCRVerification', () => {
	test("priority: Name + IdCard win over a photo of someone else (Tencent's rule)", async () => {
		const answer = await client.call(IdCardOCRVerification, {
			...ZHANG_SAN,
			ImageBase64: b64(testJpeg({ person: WANG_WU_ID })),
		});
		// The masked echo and empty OCR fields of a name + number check, as in Tencent's example 3.
		expect(answer).toMatchObject({ Result: '0', Name: '张*', IdCard: '1****************2', Sex: '', Birth: '' });
	});

	test('priority: ImageBase64 wins over ImageUrl (an unreachable URL is not even fetched)', async () => {
		const answer = await client.call(IdCardOCRVerification, {
			ImageBase64: b64(testJpeg({ person: ZHANG_SAN.IdCard })),
			ImageUrl: `${images}/never-fetched.jpg`,
		});
		expect(answer).toMatchObject({ Result: '0', Name: '张*', Sex: '女', Nation: '汉', Birth: '1985/06/15' });
	});

	test('ImageUrl alone is downloaded; a 404 is FailedOperation.DownLoadError', async () => {
		const url = serve('/ocr-zhang.png', testPng({ person: ZHANG_SAN.IdCard, name: '李四' }));
		expect((await client.call(IdCardOCRVerification, { ImageUrl: url })).Result).toBe('-1');
		expect((await apiError(client.call(IdCardOCRVerification, { ImageUrl: `${images}/nothing.png` }))).code).toBe(
			'FailedOperation.DownLoadError',
		);
	});

	test('a download slower than 3 seconds fails as Tencent documents', async () => {
		const error = await apiError(client.call(IdCardOCRVerification, { ImageUrl: `${images}/slow.jpg` }));
		expect(error.code).toBe('FailedOperation.DownLoadError');
	});

	test('format and size: GIF and data: URIs do not decode; over 3 MB after base64 is too large; empty is empty', async () => {
		const code = async (ImageBase64: string) => (await apiError(client.call(IdCardOCRVerification, { ImageBase64 }))).code;
		expect(await code(b64(GIF_BYTES))).toBe('FailedOperation.ImageDecodeFailed');
		expect(await code(`data:image/jpeg;base64,${b64(testJpeg({ person: ZHANG_SAN.IdCard }))}`)).toBe('FailedOperation.ImageDecodeFailed');
		// The largest image that fits: its base64 is exactly 3 MB.
		const fits = testJpeg({ person: ZHANG_SAN.IdCard }, { minBytes: (3 * MEGABYTE * 3) / 4 });
		expect(base64Length(fits.length)).toBe(3 * MEGABYTE);
		expect((await client.call(IdCardOCRVerification, { ImageBase64: b64(fits) })).Result).toBe('0');
		const over = testJpeg({ person: ZHANG_SAN.IdCard }, { minBytes: (3 * MEGABYTE * 3) / 4 + 1 });
		expect(await code(b64(over))).toBe('FailedOperation.ImageSizeTooLarge');
		expect((await apiError(client.call(IdCardOCRVerification, { ImageBase64: '', Name: '张三' }))).code).toBe('InvalidParameter');
	});
});

describe('CheckIdCardInformation', () => {
	test("priority: ImageUrl wins over ImageBase64 (Tencent's rule)", async () => {
		const url = serve('/check-zhang.jpg', testJpeg({ person: ZHANG_SAN.IdCard }));
		const answer = await client.call(CheckIdCardInformation, { ImageUrl: url, ImageBase64: b64(testJpeg()) });
		expect(answer).toMatchObject({ Result: 'Success', IdNum: ZHANG_SAN.IdCard, Name: '张三' });
		const withoutUrl = await client.call(CheckIdCardInformation, { ImageBase64: b64(testJpeg()) });
		expect(withoutUrl.Result).toBe('FailedOperation.ImageNoIdCard');
	});

	test('size: 7 MB after base64 for ImageBase64, 3 MB for the image behind ImageUrl', async () => {
		const fourMegabytes = testJpeg({ person: ZHANG_SAN.IdCard }, { minBytes: 3 * MEGABYTE });
		expect((await client.call(CheckIdCardInformation, { ImageBase64: b64(fourMegabytes) })).Result).toBe('Success');
		const url = serve('/big-card.jpg', fourMegabytes);
		expect((await apiError(client.call(CheckIdCardInformation, { ImageUrl: url }))).code).toBe('FailedOperation.ImageSizeTooLarge');
		const over = testJpeg({ person: ZHANG_SAN.IdCard }, { minBytes: (7 * MEGABYTE * 3) / 4 + 1 });
		expect((await apiError(client.call(CheckIdCardInformation, { ImageBase64: b64(over) }))).code).toBe(
			'FailedOperation.ImageSizeTooLarge',
		);
	});

	test('Config must be a JSON string of the documented switches', async () => {
		const image = b64(testJpeg({ person: ZHANG_SAN.IdCard }));
		for (const Config of ['{"CopyWarn":1}', '{"Copywarn":true}', 'CopyWarn', '[true]']) {
			expect((await apiError(client.call(CheckIdCardInformation, { ImageBase64: image, Config }))).code).toBe('InvalidParameterValue');
		}
		const asObject = { ImageBase64: image, Config: { CopyWarn: true } } as unknown as { ImageBase64: string; Config: string };
		expect((await apiError(client.call(CheckIdCardInformation, asObject))).code).toBe('InvalidParameterValue');
	});

	test('warnings are raised only for the switches that are on, joined by "|"', async () => {
		const card = b64(testJpeg({ person: ZHANG_SAN.IdCard, warn: ['-9101', '-9102', '-9105', '-9106'], quality: 40 }));
		const check = (Config?: string) => client.call(CheckIdCardInformation, { ImageBase64: card, Config });

		expect(await check()).toMatchObject({ Result: 'Success', Warnings: '' });
		expect(await check('{"ReshootWarn":true,"TempIdWarn":true}')).toMatchObject({ Result: 'Success', Warnings: '' });
		expect(await check('{"CopyWarn":true}')).toMatchObject({ Result: 'FailedOperation.OcrWarningOccurred', Warnings: '-9102', Sim: 0 });
		expect(await check('{"BorderCheckWarn":true,"DetectPsWarn":true,"Quality":true}')).toMatchObject({
			Result: 'FailedOperation.OcrWarningOccurred',
			Warnings: '-9101|-9105|-9106|-8001',
			Quality: 40,
		});
	});

	test('the identity behind the card: mismatch, unknown number, bad number', async () => {
		const result = async (scenario: Parameters<typeof testJpeg>[0]) =>
			(await client.call(CheckIdCardInformation, { ImageBase64: b64(testJpeg(scenario)) })).Result;
		expect(await result({ person: ZHANG_SAN.IdCard, name: '李四' })).toBe('FailedOperation.IdNameMisMatch');
		expect(await result({ person: '320106199305120062', name: '周七' })).toBe('FailedOperation.IdNoExistSystem');
		expect(await result({ person: '110101199003070012', name: 'Wei Xiaobao' })).toBe('FailedOperation.IdFormatError');
		expect(await result({ person: ZHANG_SAN.IdCard, sim: 35 })).toBe('FailedOperation.CompareLowSimilarity');
	});
});

describe('ImageRecognitionV2', () => {
	const compare = (ImageBase64: string, person = ZHANG_SAN, extra: { Extra?: string; Optional?: string } = {}) =>
		client.call(ImageRecognitionV2, { ...person, ImageBase64, ...extra });

	test('the right face passes with Sim 89.88, another face fails with 26.04, Extra is echoed', async () => {
		expect(await compare(b64(testPng({ person: ZHANG_SAN.IdCard })), ZHANG_SAN, { Extra: 'case-1', Optional: 'x' })).toMatchObject({
			Result: 'Success',
			Sim: 89.88,
			Extra: 'case-1',
		});
		expect(await compare(b64(testPng({ person: WANG_WU_ID })))).toMatchObject({ Result: 'FailedOperation.CompareLowSimilarity', Sim: 26.04 });
	});

	test('identity problems use this action\'s own codes', async () => {
		const result = async (person: typeof ZHANG_SAN) => (await compare(b64(testPng({ person: person.IdCard })), person)).Result;
		expect(await result({ Name: '李四', IdCard: ZHANG_SAN.IdCard })).toBe('FailedOperation.IdNameMisMatch');
		expect(await result({ Name: 'R2D2', IdCard: ZHANG_SAN.IdCard })).toBe('FailedOperation.NameFormatError');
		expect(await result({ Name: '钱七', IdCard: '440305198808080047' })).toBe('FailedOperation.CompareLibServiceUnavailable');
		expect(await result({ Name: '孙八', IdCard: '110102197501010051' })).toBe('FailedOperation.IdentityAuthLimitExceeded');
	});

	test("Tencent's limit of 20 requests per second applies by default", async () => {
		const frozen = Date.now();
		const limited = await startSandbox({ now: () => frozen });
		try {
			const limitedClient = new TencentCloudClient(createUndiciTransport({ ...SANDBOX_CREDENTIALS, customEndpoint: limited.url }));
			const image = b64(testPng({ person: ZHANG_SAN.IdCard }));
			for (let call = 0; call < 20; call++) {
				expect((await limitedClient.call(ImageRecognitionV2, { ...ZHANG_SAN, ImageBase64: image })).Result).toBe('Success');
			}
			expect((await apiError(limitedClient.call(ImageRecognitionV2, { ...ZHANG_SAN, ImageBase64: image }))).code).toBe('RequestLimitExceeded');
		} finally {
			await limited.close();
		}
	});

	test('3 MB after base64, PNG or JPEG; ImageBase64 is required', async () => {
		const over = testPng({ person: ZHANG_SAN.IdCard }, { minBytes: (3 * MEGABYTE * 3) / 4 + 1 });
		expect((await apiError(compare(b64(over)))).code).toBe('FailedOperation.LifePhotoSizeError');
		expect((await apiError(compare(''))).code).toBe('FailedOperation.LifePhotoSizeError');
		expect((await apiError(compare(b64(GIF_BYTES)))).code).toBe('InvalidParameterValue');
		const missing = { ...ZHANG_SAN } as unknown as { IdCard: string; Name: string; ImageBase64: string };
		expect((await apiError(client.call(ImageRecognitionV2, missing))).code).toBe('MissingParameter');
	});
});

describe('every code of the decision table is reachable, in Result and as Response.Error, and billed as the table says', () => {
	const RESULT_STYLE = ['CheckIdCardInformation', 'ImageRecognitionV2'] as const;

	async function answerCode(action: string, scenario: Parameters<typeof testJpeg>[0]): Promise<string> {
		const image = b64(testJpeg(scenario));
		try {
			if (action === 'IdCardOCRVerification') return (await client.call(IdCardOCRVerification, { ImageBase64: image })).Result;
			if (action === 'CheckIdCardInformation') return (await client.call(CheckIdCardInformation, { ImageBase64: image })).Result;
			return (await client.call(ImageRecognitionV2, { ...ZHANG_SAN, ImageBase64: image })).Result;
		} catch (error) {
			return `Error:${(error as TencentCloudError).code}`;
		}
	}

	for (const action of ['IdCardOCRVerification', ...RESULT_STYLE]) {
		const table = OUTCOME_TABLES[action];
		const codes = [...Object.keys(table.failedOperations), ...Object.keys(table.errors)];

		test(`${action}: ${codes.length} FailedOperation codes`, async () => {
			for (const code of codes) {
				sandbox.clearRequests();
				const viaResult = await answerCode(action, { result: code });
				// IdCardOCRVerification's Result is numeric: its FailedOperation codes always come as errors.
				expect(viaResult).toBe(action === 'IdCardOCRVerification' ? `Error:${code}` : code);
				expect(await answerCode(action, { result: code, via: 'error' })).toBe(`Error:${code}`);
				for (const record of sandbox.requests) {
					expect({ code: record.code, billable: record.billable }).toEqual({ code, billable: isBillable(action, code) });
				}
			}
		});
	}

	test.each(RESULT_STYLE)('%s: Success is billed', async (action) => {
		sandbox.clearRequests();
		expect(await answerCode(action, { person: ZHANG_SAN.IdCard })).toBe('Success');
		expect(sandbox.requests).toMatchObject([{ code: 'Success', billable: isBillable(action, 'Success') }]);
		expect(isBillable(action, 'Success')).toBe(true);
	});
});
