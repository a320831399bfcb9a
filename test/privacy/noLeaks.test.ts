/**
 * Secrets and personal data stay where they belong. Every operation × outcome and every error kind
 * runs through n8n's engine with a recognisable SecretKey and session token ("LEAKCANARY-…"),
 * against the sandbox (which accepts that key) or nock. Then everything a user or an operator
 * could see is serialised — the whole run data, every output item, every error with all its own
 * properties (message, description, stack, cause, context…), n8n's log lines and the console — and
 * searched: the canaries must appear nowhere, and full ID numbers and photos nowhere outside the
 * output items (and not there either when "Mask Personal Data in Output" is on).
 */
import { generateKeyPairSync } from 'crypto';
import { tmpdir } from 'os';
import { rmSync } from 'fs';
import { dirname, join } from 'path';
import type { INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { closeAllRegistries } from '../../lib/tencent/pendingVerifications/registry';
import { OPERATIONS } from '../../nodes/FaceId/actions/operations';
import { testJpeg, testPng, type ImageScenario } from '../../sandbox/actions/testImages';
import { testMp4 } from '../../sandbox/actions/testVideos';
import { startSandbox, type Sandbox, type SandboxKey } from '../../sandbox/server';
import { FACEID_NODE } from '../support/faceIdWorkflow';
import { runFaceId, type FaceIdRun, type TestItem } from '../support/faceIdItems';

const CANARY = 'LEAKCANARY';
const KEY: SandboxKey = {
	// The SecretId travels in every Authorization header: it is an identifier, not a secret.
	secretId: 'AKIDNOLEAKTEST000000000000000000000',
	secretKey: `${CANARY}-SECRETKEY-7f3a9c2e5b1d4e6f`,
	sessionToken: `${CANARY}-SESSIONTOKEN-9b8c7d6e5f4a3b2c`,
};
/** Distinctive tails, to catch a secret that was cut rather than copied whole. */
const SECRET_TAILS = ['7f3a9c2e5b1d4e6f', '9b8c7d6e5f4a3b2c', '0d1e2f3a4b5c6d7e', '5a6b7c8d9e0f1a2b'];
const WRONG_KEY = `${CANARY}-WRONGKEY-0d1e2f3a4b5c6d7e`;
const WRONG_TOKEN = `${CANARY}-WRONGTOKEN-5a6b7c8d9e0f1a2b`;

const ZHANG_SAN = { name: '张三', id: '110105198506150022' };
const LI_SI = { name: '李四', id: ZHANG_SAN.id };
const ZHOU_QI = { name: '周七', id: '320106199305120062' };
const WANG_WU = { name: '王五', id: '51010720000229007X' };
const SUN_BA = { name: '孙八', id: '110102197501010051' };
/** The bank card and mobile number of 张三 at the sandbox's bank, and numbers that cannot be one. */
const ZHANG_SAN_CARD = { ...ZHANG_SAN, card: '6222020200001234567', phone: '13800138000' };
const BAD_CARD = '62220202000';
/** Every full ID, bank card and mobile number the scenarios use: none may reach an error or a log line. */
const ID_NUMBERS = [
	...[ZHANG_SAN.id, ZHOU_QI.id, WANG_WU.id, SUN_BA.id, '110105198506150023', '11010519850615002'],
	...[ZHANG_SAN_CARD.card, ZHANG_SAN_CARD.phone, BAD_CARD, '13900139000', '6212260200000000059', '13700000001', '13700000003', '1390013900'],
	// Document numbers the sandbox's document check reads off a card (sandbox/actions/cardVerificationSimulator.ts).
	...['S1234567D', 'E1234567A'],
];

const cardPhoto = (scenario: ImageScenario) => testJpeg(scenario);
const facePhoto = (scenario: ImageScenario) => testPng(scenario);
const card = (scenario: ImageScenario): TestItem => ({ json: {}, files: { data: { bytes: cardPhoto(scenario), mimeType: 'image/jpeg' } } });
const face = (person: { name: string; id: string }, scenario: ImageScenario): TestItem => ({
	json: person,
	files: { data: { bytes: facePhoto(scenario), mimeType: 'image/png' } },
});
/** Photos the scenarios send: their base64 must not reach an error or a log line. */
const PHOTOS = [cardPhoto({ person: ZHANG_SAN.id }), facePhoto({ person: ZHANG_SAN.id }), testMp4({ person: ZHANG_SAN.id, live: 'spoof' })].map((bytes) => bytes.toString('base64'));

const NAME_AND_ID = { name: '={{ $json.name }}', idCard: '={{ $json.id }}' };
const IDV = { operation: 'idCardVerification', ...NAME_AND_ID };
const OCR_PHOTO = { operation: 'idCardOcrVerification', verifyBy: 'photo', idCardPhotoSource: 'binary' };
const OCR_NUMBER = { operation: 'idCardOcrVerification', verifyBy: 'nameAndIdNumber', ...NAME_AND_ID };
const CHECK = { operation: 'checkIdCardInformation', idCardPhotoSource: 'binary', warnPhotocopy: true, simplify: false };
const FACE = { operation: 'imageRecognitionV2', ...NAME_AND_ID, facePhotoSource: 'binary' };
const APPLY = {
	operation: 'applyCardVerification',
	apiGeneration: 'faceid',
	cardRegion: 'ap-singapore',
	nationality: 'SGP',
	cardType: 'PASSPORT',
	documentFrontSource: 'binary',
	waitForResult: true,
	registry: 'none',
	simplify: false,
};
const BANK_CARD = { operation: 'bankCard4EVerification', ...NAME_AND_ID, bankCard: '={{ $json.card }}', phone: '={{ $json.phone }}' };
const BANK_CARD_3E = { ...BANK_CARD, operation: 'bankCardVerification' };
const BANK_CARD_2E = { ...BANK_CARD, operation: 'bankCard2EVerification' };
const PHONE_CHECKS = ['phoneVerification', 'mobileStatus', 'mobileNetworkTimeVerification', 'checkPhoneAndName'].map((operation) => ({ operation, ...NAME_AND_ID, phone: '={{ $json.phone }}' }));
const LIVE_FILES = { livenessVideoSource: 'binary', livenessVideoBinaryProperty: 'video', livenessPhotoSource: 'binary', livenessPhotoBinaryProperty: 'data' };
const LIVENESS = { operation: 'livenessCompare', livenessType: 'SILENT', ...LIVE_FILES };
const LIVENESS_INTL = {
	operation: 'compareFaceLiveness',
	livenessType: 'SILENT',
	faceLivenessVideoSource: 'binary',
	faceLivenessVideoBinaryProperty: 'video',
	faceLivenessPhotoSource: 'binary',
	faceLivenessPhotoBinaryProperty: 'data',
};
const AI_ATTACK = { operation: 'detectAiFakeFaces', faceInputType: 'photo', suspectPhotoSource: 'binary', suspectPhotoBinaryProperty: 'data' };
/** A photo of 张三 with a video whose scenario is `video`. */
const liveItem = (video: ImageScenario): TestItem => ({
	json: {},
	files: { data: { bytes: facePhoto({ person: ZHANG_SAN.id }), mimeType: 'image/png' }, video: { bytes: testMp4(video), mimeType: 'video/mp4' } },
});
const CARD_LOOKUP = { operation: 'checkBankCardInformation', bankCard: '={{ $json.card }}', options: { validateBeforeSending: false } };
const VALIDITY = { operation: 'checkIdNameDate', ...NAME_AND_ID, validFrom: '={{ $json.from }}', validUntil: '={{ $json.until }}' };
const GET_RESULT = { operation: 'getCardVerificationResult', apiGeneration: 'faceid', cardRegion: 'ap-singapore', cardVerificationToken: 'unknown-token' };
const LINK = {
	operation: 'createVerificationLink',
	hostedFlow: 'detectAuth',
	ruleId: '1',
	customerName: '={{ $json.name }}',
	customerIdCard: '={{ $json.id }}',
	returnTo: 'url',
	redirectUrl: 'https://example.com/kyc/done',
	reference: 'CRM-LINK',
	registry: 'embedded',
	registryFile: join(tmpdir(), `faceid-noleaks-${process.pid}`, 'registry.sqlite'),
};
const LINK_RESULT = { operation: 'getVerificationResult', hostedFlow: 'detectAuth', ruleId: '1', bizToken: 'ABCDEF00-0000-0000-0000-000000000000' };

interface Scenario {
	label: string;
	/** 'sandbox', the sandbox with an encryption key pair, or nock (Tencent's China host). */
	endpoint: 'sandbox' | 'encryptingSandbox' | 'nock';
	parameters: INodeParameters;
	items: TestItem[];
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	credential?: Record<string, string>;
	/** For nock scenarios: the answer. */
	reply?: [number, string] | Error | 'hang';
	/** What must have happened, so a scenario cannot pass by not running. */
	expect: 'outputs' | 'error' | 'errorItems';
}

const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicKeyPem = pair.publicKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const privateKeyPem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const echoingPage = `<pre>upstream error; request {"Name":"张三","IdCard":"${ZHANG_SAN.id}"} X-TC-Token: ${KEY.sessionToken} key=${KEY.secretKey}</pre>`;
const socketError = (code: string, message: string) => Object.assign(new Error(`${message} (${KEY.sessionToken})`), { code });

const SCENARIOS: Scenario[] = [
	// Every operation × outcome.
	{ label: 'IdCardVerification passed, failed, review', endpoint: 'sandbox', parameters: IDV, items: [{ json: ZHANG_SAN }, { json: LI_SI }, { json: ZHOU_QI }], expect: 'outputs' },
	{ label: 'IdCardOCRVerification by photo: passed, failed, review', endpoint: 'sandbox', parameters: OCR_PHOTO, items: [card({ person: ZHANG_SAN.id }), card({ person: ZHANG_SAN.id, name: '李四' }), card({})], expect: 'outputs' },
	{ label: 'IdCardOCRVerification by number: passed, failed, review', endpoint: 'sandbox', parameters: OCR_NUMBER, items: [{ json: WANG_WU }, { json: LI_SI }, { json: ZHOU_QI }], expect: 'outputs' },
	{ label: 'CheckIdCardInformation passed, failed, review', endpoint: 'sandbox', parameters: CHECK, items: [card({ person: ZHANG_SAN.id }), card({ person: ZHANG_SAN.id, name: '李四' }), card({ person: ZHANG_SAN.id, warn: ['-9102'] })], expect: 'outputs' },
	{ label: 'ImageRecognitionV2 passed, failed, review', endpoint: 'sandbox', parameters: FACE, items: [face(ZHANG_SAN, { person: ZHANG_SAN.id }), face(ZHANG_SAN, { person: WANG_WU.id }), face(ZHANG_SAN, { person: ZHANG_SAN.id, face: 'multiple' })], expect: 'outputs' },
	{ label: 'ApplyCardVerification passed, warning, rejected', endpoint: 'sandbox', parameters: APPLY, items: ['PASSED', 'WARNING', 'REJECTED'].map((result) => card({ result, name: '张三' })), expect: 'outputs' },
	...[BANK_CARD, BANK_CARD_3E, BANK_CARD_2E].map((parameters): Scenario => ({
		label: `${String(parameters.operation)} passed, failed, review`,
		endpoint: 'sandbox',
		parameters,
		items: [{ json: ZHANG_SAN_CARD }, { json: { ...ZHANG_SAN_CARD, name: '李四' } }, { json: { ...ZHANG_SAN_CARD, card: '6212260200000000059' } }],
		expect: 'outputs',
	})),
	...PHONE_CHECKS.map((parameters): Scenario => ({
		label: `${String(parameters.operation)} passed, failed, review`,
		endpoint: 'sandbox',
		parameters,
		// In service for years and 张三's; suspended and someone else's; busy.
		items: [{ json: ZHANG_SAN_CARD }, { json: { ...ZHANG_SAN_CARD, name: '李四', phone: '13700000001' } }, { json: { ...ZHANG_SAN_CARD, phone: '13700000003' } }],
		credential: { site: 'china' },
		expect: 'outputs',
	})),
	...[LIVENESS, LIVENESS_INTL].map((parameters): Scenario => ({
		label: `${parameters.operation} passed, failed, review`,
		endpoint: 'sandbox',
		parameters,
		items: [liveItem({ person: ZHANG_SAN.id }), liveItem({ person: ZHANG_SAN.id, live: 'spoof' }), liveItem({ person: ZHANG_SAN.id, live: 'tooShort' })],
		credential: { site: parameters === LIVENESS ? 'china' : 'international' },
		expect: 'outputs',
	})),
	{
		label: 'DetectAIFakeFaces passed, failed, review',
		endpoint: 'sandbox',
		parameters: AI_ATTACK,
		items: [{}, { attack: 'High' as const }, { attack: 'Mid' as const }].map((scenario): TestItem => ({ json: {}, files: { data: { bytes: facePhoto(scenario), mimeType: 'image/png' } } })),
		expect: 'outputs',
	},
	{
		label: 'CheckBankCardInformation passed, failed, review',
		endpoint: 'sandbox',
		parameters: CARD_LOOKUP,
		// 张三's card; too short to be a card (the node's check is off); busy.
		items: [{ json: ZHANG_SAN_CARD }, { json: { ...ZHANG_SAN_CARD, card: BAD_CARD } }, { json: { ...ZHANG_SAN_CARD, card: '6212260200000000059' } }],
		expect: 'outputs',
	},
	{
		label: 'CheckIdNameDate passed, failed, review',
		endpoint: 'sandbox',
		parameters: VALIDITY,
		items: [{ json: { ...ZHANG_SAN, from: '20150701', until: '20350701' } }, { json: { ...LI_SI, from: '20150701', until: '20350701' } }, { json: { ...ZHOU_QI, from: '20150701', until: '20350701' } }],
		expect: 'outputs',
	},
	{ label: 'GetCardVerificationResult of an unknown token', endpoint: 'sandbox', parameters: GET_RESULT, items: [{ json: {} }], expect: 'outputs' },
	{ label: 'DetectAuth link with a name and an ID number', endpoint: 'sandbox', parameters: LINK, items: [{ json: ZHANG_SAN }], credential: { site: 'china' }, expect: 'outputs' },
	{ label: 'DetectAuth link with a malformed ID number, continuing', endpoint: 'sandbox', parameters: LINK, items: [{ json: { ...ZHANG_SAN, id: '110105198506150023' } }], credential: { site: 'china' }, onError: 'continueErrorOutput', expect: 'errorItems' },
	{ label: 'GetDetectInfoEnhanced of an unknown token', endpoint: 'sandbox', parameters: LINK_RESULT, items: [{ json: {} }], credential: { site: 'china' }, expect: 'outputs' },
	{ label: 'encrypted request of IdCardVerification', endpoint: 'encryptingSandbox', parameters: { ...IDV, options: { encryption: 'AES-256-CBC' } }, items: [{ json: ZHANG_SAN }], credential: { encryptionPublicKey: publicKeyPem }, expect: 'outputs' },
	{ label: 'encrypted answer of CheckIdCardInformation', endpoint: 'encryptingSandbox', parameters: { ...CHECK, options: { encryption: 'AES-256-CBC' } }, items: [card({ person: ZHANG_SAN.id })], credential: { encryptionPublicKey: publicKeyPem }, expect: 'outputs' },
	// Every error kind.
	{ label: 'bad input (wrong check digit), stopping', endpoint: 'sandbox', parameters: IDV, items: [{ json: { ...ZHANG_SAN, id: '110105198506150023' } }], expect: 'error' },
	{ label: 'bad input (17 digits, GIF photo), continuing', endpoint: 'sandbox', parameters: FACE, items: [face({ ...ZHANG_SAN, id: '11010519850615002' }, {}), { json: ZHANG_SAN, files: { data: { bytes: Buffer.from('GIF89a...') } } }], onError: 'continueRegularOutput', expect: 'errorItems' },
	{ label: 'a malformed bank card number and phone, continuing', endpoint: 'sandbox', parameters: BANK_CARD, items: [{ json: { ...ZHANG_SAN_CARD, card: BAD_CARD } }, { json: { ...ZHANG_SAN_CARD, phone: '1390013900' } }], onError: 'continueErrorOutput', expect: 'errorItems' },
	{ label: 'a Tencent error message echoing the card and the phone', endpoint: 'nock', parameters: BANK_CARD, items: [{ json: { ...ZHANG_SAN_CARD, phone: '13900139000' } }], reply: [200, JSON.stringify({ Response: { Error: { Code: 'InvalidParameterValue', Message: `BankCard ${ZHANG_SAN_CARD.card} with Phone 13900139000 rejected` }, RequestId: 'r-card' } })], expect: 'error' },
	{ label: 'bad input on the error output', endpoint: 'sandbox', parameters: IDV, items: [{ json: { ...ZHANG_SAN, id: '110105198506150023' } }], onError: 'continueErrorOutput', expect: 'errorItems' },
	{ label: 'wrong SecretKey (AuthFailure.SignatureFailure)', endpoint: 'sandbox', parameters: IDV, items: [{ json: ZHANG_SAN }], credential: { secretKey: WRONG_KEY }, expect: 'error' },
	{ label: 'wrong session token (AuthFailure.TokenFailure), continuing', endpoint: 'sandbox', parameters: IDV, items: [{ json: ZHANG_SAN }], credential: { sessionToken: WRONG_TOKEN }, onError: 'continueRegularOutput', expect: 'errorItems' },
	{ label: 'an API error that is not an outcome', endpoint: 'sandbox', parameters: CHECK, items: [card({ person: SUN_BA.id, name: SUN_BA.name })], expect: 'error' },
	{ label: 'encryption the server cannot decrypt', endpoint: 'sandbox', parameters: { ...IDV, options: { encryption: 'AES-256-CBC' } }, items: [{ json: ZHANG_SAN }], expect: 'error' },
	{ label: 'an unreadable encryption key in the credential', endpoint: 'sandbox', parameters: { ...IDV, options: { encryption: 'AES-256-CBC' } }, items: [{ json: ZHANG_SAN }], credential: { encryptionPublicKey: `-----BEGIN PUBLIC KEY-----${KEY.secretKey}-----END PUBLIC KEY-----` }, expect: 'error' },
	{ label: 'a proxy page echoing the request and the secrets (HTTP 502)', endpoint: 'nock', parameters: IDV, items: [{ json: ZHANG_SAN }], reply: [502, echoingPage], expect: 'error' },
	{ label: 'the same page with HTTP 200, continuing', endpoint: 'nock', parameters: IDV, items: [{ json: ZHANG_SAN }], reply: [200, echoingPage], onError: 'continueRegularOutput', expect: 'errorItems' },
	{ label: 'a Tencent error message echoing the ID number and the key', endpoint: 'nock', parameters: IDV, items: [{ json: ZHANG_SAN }], reply: [200, JSON.stringify({ Response: { Error: { Code: 'InvalidParameterValue', Message: `IdCard ${ZHANG_SAN.id} rejected for ${KEY.secretKey}` }, RequestId: 'r-echo' } })], expect: 'error' },
	{ label: 'an answer without Response', endpoint: 'nock', parameters: IDV, items: [{ json: ZHANG_SAN }], reply: [200, JSON.stringify({ echo: { IdCard: ZHANG_SAN.id } })], expect: 'error' },
	{ label: 'an answer that does not match the schema', endpoint: 'nock', parameters: IDV, items: [{ json: ZHANG_SAN }], reply: [200, JSON.stringify({ Response: { Result: { IdCard: ZHANG_SAN.id }, RequestId: 'r-schema' } })], expect: 'error' },
	{ label: 'a DNS failure', endpoint: 'nock', parameters: IDV, items: [{ json: ZHANG_SAN }], reply: socketError('ENOTFOUND', 'getaddrinfo ENOTFOUND faceid.tencentcloudapi.com'), expect: 'error' },
	{ label: 'a reset connection, retried once (the retry is logged)', endpoint: 'nock', parameters: { ...IDV, options: { maxRetries: 1 } }, items: [{ json: ZHANG_SAN }], reply: socketError('ECONNRESET', 'socket hang up'), expect: 'error' },
	{ label: 'a timeout', endpoint: 'nock', parameters: { ...IDV, options: { timeout: 1 } }, items: [{ json: ZHANG_SAN }], reply: 'hang', expect: 'error' },
];

/** Everything reachable from a value, errors with all their own properties (enumerable or not). */
function serialiseEverything(value: unknown): string {
	const seen = new WeakSet<object>();
	const walk = (entry: unknown, depth: number): unknown => {
		if (typeof entry === 'string' || typeof entry === 'number' || typeof entry === 'boolean' || entry === null || entry === undefined) return entry;
		if (typeof entry === 'bigint' || typeof entry === 'symbol' || typeof entry === 'function') return String(entry);
		if (Buffer.isBuffer(entry)) return entry.toString('base64');
		if (seen.has(entry as object) || depth > 40) return '[seen]';
		seen.add(entry as object);
		if (Array.isArray(entry)) return entry.map((item) => walk(item, depth + 1));
		if (entry instanceof Map) return walk(Object.fromEntries(entry), depth + 1);
		if (entry instanceof Set) return walk([...entry], depth + 1);
		const names = new Set([...Object.getOwnPropertyNames(entry), ...(entry instanceof Error ? ['name', 'message', 'stack', 'cause'] : [])]);
		const out: Record<string, unknown> = {};
		for (const name of names) {
			try {
				out[name] = walk((entry as Record<string, unknown>)[name], depth + 1);
			} catch (error) {
				out[name] = `[unreadable: ${String(error)}]`;
			}
		}
		return out;
	};
	return JSON.stringify(walk(value, 0));
}

describe('no secret, full ID number or photo where it does not belong', () => {
	let sandbox: Sandbox;
	let encryptingSandbox: Sandbox;
	const console: string[] = [];
	const restores: Array<() => void> = [];
	const pendingTimers: NodeJS.Timeout[] = [];

	beforeAll(async () => {
		sandbox = await startSandbox({ keys: [KEY], rateLimits: { ImageRecognitionV2: Infinity } });
		encryptingSandbox = await startSandbox({ keys: [KEY], encryptionPrivateKeyPem: privateKeyPem });
		// Console and raw stdout/stderr, whatever writes there during the runs.
		for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
			const spy = jest.spyOn(global.console, method).mockImplementation((...args: unknown[]) => {
				console.push(serialiseEverything(args));
			});
			restores.push(() => spy.mockRestore());
		}
		for (const stream of [process.stdout, process.stderr]) {
			const original = stream.write.bind(stream);
			stream.write = ((chunk: unknown, ...rest: unknown[]) => {
				console.push(String(chunk));
				return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
			}) as typeof stream.write;
			restores.push(() => {
				stream.write = original;
			});
		}
		nock.enableNetConnect('127.0.0.1');
	});
	afterEach(() => {
		for (const timer of pendingTimers.splice(0)) clearTimeout(timer);
		nock.abortPendingRequests();
		nock.cleanAll();
	});
	afterAll(async () => {
		for (const restore of restores) restore();
		nock.enableNetConnect();
		nock.restore();
		await sandbox.close();
		await encryptingSandbox.close();
		await closeAllRegistries();
		rmSync(dirname(LINK.registryFile), { recursive: true, force: true });
	});

	function answerWith(reply: NonNullable<Scenario['reply']>): void {
		nock('https://faceid.tencentcloudapi.com')
			.persist()
			.post('/')
			// nock 15 calls this with a Fetch Request and a callback; its types still describe (uri, body).
			.reply(((_request: Request, callback: (error: Error | null, reply?: unknown) => void) => {
				if (reply instanceof Error) return callback(reply);
				if (reply === 'hang') {
					pendingTimers.push(setTimeout(() => callback(null, [200, '{}']), 5_000));
					return;
				}
				callback(null, reply);
			}) as never);
	}

	async function run(scenario: Scenario, mask: boolean): Promise<FaceIdRun> {
		const base = scenario.endpoint === 'nock' ? '' : scenario.endpoint === 'sandbox' ? sandbox.url : encryptingSandbox.url;
		if (scenario.reply) answerWith(scenario.reply);
		const options = { ...(scenario.parameters.options as object), maskPersonalData: mask };
		return await runFaceId(base, { ...scenario.parameters, options }, scenario.items, {
			onError: scenario.onError,
			credential: {
				...KEY,
				...(scenario.endpoint === 'nock' ? { site: 'china', endpoint: '' } : {}),
				...scenario.credential,
			} as Record<string, string>,
		});
	}

	it(`covers every operation and every error kind (${SCENARIOS.length} scenarios)`, () => {
		const operations = new Set(SCENARIOS.map((scenario) => scenario.parameters.operation));
		expect([...operations].sort()).toEqual(OPERATIONS.map((operation) => operation.value).sort());
	});

	it.each(SCENARIOS.flatMap((scenario) => [[scenario.label, scenario, false] as const, [`${scenario.label} (masked)`, scenario, true] as const]))(
		'%s',
		async (_label, scenario, mask) => {
			const consoleBefore = console.length;
			const result = (await run(scenario, mask)).result;

			// The scenario did what it is there for.
			const outputs = result.outputs(FACEID_NODE);
			if (scenario.expect === 'error') expect(result.nodeError(FACEID_NODE)).toBeDefined();
			if (scenario.expect === 'outputs') {
				expect(result.nodeError(FACEID_NODE)).toBeUndefined();
				expect(outputs.flat().length).toBe(scenario.items.length);
			}
			if (scenario.expect === 'errorItems') expect(outputs.flat().some((item) => item.json.error !== undefined)).toBe(true);

			// n8n's error output merges the input item into the error item: only the error's own fields count here.
			const errorItems = outputs.flat().filter((item) => item.json.error !== undefined);
			const answerItems = outputs.flat().filter((item) => item.json.error === undefined);
			const everything = serialiseEverything(result.run);
			const errors = serialiseEverything([
				result.error,
				result.nodeError(FACEID_NODE),
				errorItems.map((item) => ({ error: item.json.error, details: item.json.details })),
			]);
			const logs = result.logs.text() + serialiseEverything(result.logs.records);
			const printed = console.slice(consoleBefore).join('\n');

			// Secrets: nowhere at all, not even in part.
			for (const text of [everything, logs, printed]) {
				expect(text).not.toContain(CANARY);
				for (const tail of SECRET_TAILS) expect(text).not.toContain(tail);
			}
			// ID numbers and photos: never in an error or a log line; in outputs only unmasked.
			const faceIdOutputs = serialiseEverything(answerItems);
			for (const id of ID_NUMBERS) {
				for (const text of [errors, logs, printed]) expect(text).not.toContain(id);
				if (mask) expect(faceIdOutputs).not.toContain(id);
			}
			for (const photo of PHOTOS) {
				for (const text of [errors, logs, printed]) expect(text).not.toContain(photo);
			}
		},
	);
});
