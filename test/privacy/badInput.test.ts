/**
 * The catalogue of malformed inputs and hostile answers, through n8n's engine. Each bad item sits
 * at index 1 between good ones, and each case runs twice:
 * - "stop workflow": the node fails with the documented message, naming the field (or the code)
 *   and `[item 1]`, as an n8n node error, never a crash;
 * - "continue (regular output)": an error item with that message takes the bad item's place on
 *   Review, and the good items are checked as usual.
 * Input errors run against the sandbox and must send nothing for the bad item (so it costs
 * nothing); hostile answers come from nock, keyed on the bad item's X-TC-Region header.
 */
import { generateKeyPairSync } from 'crypto';
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { idCardCheckDigit } from '../../lib/tencent/idCardNumber';
import { MEGABYTE } from '../../lib/tencent/images';
import { GIF_BYTES, testJpeg, testPng } from '../../sandbox/actions/testImages';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { runFaceId, type FaceIdRun, type TestItem } from '../support/faceIdItems';

const ZHANG_SAN = { name: '张三', id: '110105198506150022' };
/** A valid number whose check digit is changed: the classic typo. */
const WRONG_CHECK_DIGIT = '110105198506150023';
/** Month 13, with a correct check digit: only the date is wrong. */
const BAD_BIRTH_DATE = `11010519851315002${idCardCheckDigit('11010519851315002')}`;
/** A real calendar date, but years ahead: the node's check and the sandbox's "-2" share one validator. */
const FUTURE_BIRTH_DATE = `11010520990315002${idCardCheckDigit('11010520990315002')}`;

const NAME_AND_ID = { name: '={{ $json.name }}', idCard: '={{ $json.id }}' };
const IDV: INodeParameters = { operation: 'idCardVerification', ...NAME_AND_ID };
const FACE: INodeParameters = { operation: 'imageRecognitionV2', ...NAME_AND_ID, facePhotoSource: 'binary' };
const FACE_BASE64: INodeParameters = { operation: 'imageRecognitionV2', ...NAME_AND_ID, facePhotoSource: 'base64', facePhotoBase64: '={{ $json.photo }}' };
const OCR_PHOTO_URL: INodeParameters = { operation: 'idCardOcrVerification', verifyBy: 'photo', idCardPhotoSource: 'url', idCardPhotoUrl: '={{ $json.url }}' };
const OCR_BY_NUMBER: INodeParameters = { operation: 'idCardOcrVerification', verifyBy: 'nameAndIdNumber', ...NAME_AND_ID };
const CHECK_BASE64: INodeParameters = { operation: 'checkIdCardInformation', idCardPhotoSource: 'base64', idCardPhotoBase64: '={{ $json.photo }}' };
const APPLY: INodeParameters = {
	operation: 'applyCardVerification',
	apiGeneration: 'faceid',
	cardRegion: '={{ $json.region }}',
	nationality: '={{ $json.nationality }}',
	cardType: '={{ $json.cardType }}',
	documentFrontSource: 'base64',
	documentFrontBase64: '={{ $json.photo }}',
	waitForResult: false,
	registry: 'none',
};

const zhangSanPhoto = testJpeg({ person: ZHANG_SAN.id });
const withPhoto = (json: TestItem['json'], bytes: Buffer, property = 'data'): TestItem => ({ json, files: { [property]: { bytes } } });
const goodFace = withPhoto(ZHANG_SAN, zhangSanPhoto);
const goodApply: TestItem = { json: { region: 'ap-singapore', nationality: 'IDN', cardType: 'ID_CARD', photo: testPng().toString('base64') } };

interface InputCase {
	label: string;
	parameters: INodeParameters;
	bad: TestItem;
	/** Items 0 and 2; default: 张三 with his photo. */
	good?: TestItem;
	/** The whole message for the bad item, which is item 1. */
	message: string;
}

const INPUT_CASES: InputCase[] = [
	// ID numbers (GB 11643), on every operation that takes one.
	{ label: 'wrong check digit', parameters: IDV, bad: { json: { ...ZHANG_SAN, id: WRONG_CHECK_DIGIT } }, message: 'ID Card Number has a wrong check digit (GB 11643) [item 1]' },
	{ label: '17 digits', parameters: IDV, bad: { json: { ...ZHANG_SAN, id: ZHANG_SAN.id.slice(0, 17) } }, message: 'ID Card Number must have 18 characters, not 17 [item 1]' },
	{ label: '19 digits', parameters: IDV, bad: { json: { ...ZHANG_SAN, id: `${ZHANG_SAN.id}1` } }, message: 'ID Card Number must have 18 characters, not 19 [item 1]' },
	{ label: 'letters in the number', parameters: IDV, bad: { json: { ...ZHANG_SAN, id: '11010519850615ABCD' } }, message: 'ID Card Number must be 17 digits followed by a digit or X [item 1]' },
	{ label: 'full-width digits', parameters: IDV, bad: { json: { ...ZHANG_SAN, id: '１１０１０５１９８５０６１５００２２' } }, message: 'ID Card Number must be 17 digits followed by a digit or X [item 1]' },
	{ label: 'a space inside the number', parameters: IDV, bad: { json: { ...ZHANG_SAN, id: '110105 198506150022' } }, message: 'ID Card Number must have 18 characters, not 19 [item 1]' },
	{ label: 'birth date in the future', parameters: IDV, bad: { json: { ...ZHANG_SAN, id: FUTURE_BIRTH_DATE } }, message: 'ID Card Number has no valid birth date in characters 7 to 14 (before 1800 or in the future) [item 1]' },
	{ label: 'impossible birth date', parameters: IDV, bad: { json: { ...ZHANG_SAN, id: BAD_BIRTH_DATE } }, message: 'ID Card Number has no valid birth date in characters 7 to 14 [item 1]' },
	{ label: 'empty ID number', parameters: IDV, bad: { json: { ...ZHANG_SAN, id: '' } }, message: 'ID Card Number is empty [item 1]' },
	{ label: 'blank ID number', parameters: IDV, bad: { json: { ...ZHANG_SAN, id: '   ' } }, message: 'ID Card Number is empty [item 1]' },
	{ label: 'ID number that is an object', parameters: IDV, bad: { json: { ...ZHANG_SAN, id: { value: ZHANG_SAN.id } } }, message: 'ID Card Number must be text, not object [item 1]' },
	{ label: 'wrong check digit (IdCardOCRVerification)', parameters: OCR_BY_NUMBER, bad: { json: { ...ZHANG_SAN, id: WRONG_CHECK_DIGIT } }, message: 'ID Card Number has a wrong check digit (GB 11643) [item 1]' },
	{ label: 'wrong check digit (ImageRecognitionV2)', parameters: FACE, good: goodFace, bad: withPhoto({ ...ZHANG_SAN, id: WRONG_CHECK_DIGIT }, zhangSanPhoto), message: 'ID Card Number has a wrong check digit (GB 11643) [item 1]' },
	// Names.
	{ label: 'empty name', parameters: IDV, bad: { json: { ...ZHANG_SAN, name: '' } }, message: 'Name is empty [item 1]' },
	{ label: 'blank name', parameters: IDV, bad: { json: { ...ZHANG_SAN, name: ' \t ' } }, message: 'Name is empty [item 1]' },
	{ label: '200-character name', parameters: IDV, bad: { json: { ...ZHANG_SAN, name: '张'.repeat(200) } }, message: 'Name is longer than 64 characters [item 1]' },
	{ label: 'name that is a number', parameters: IDV, bad: { json: { ...ZHANG_SAN, name: 42 } }, message: 'Name must be text, not number [item 1]' },
	{ label: 'empty name (ImageRecognitionV2)', parameters: FACE, good: goodFace, bad: withPhoto({ ...ZHANG_SAN, name: '' }, zhangSanPhoto), message: 'Name is empty [item 1]' },
	// Images: binary files.
	{ label: 'non-image binary', parameters: FACE, good: goodFace, bad: withPhoto(ZHANG_SAN, Buffer.from('name,id\n张三,110105198506150022\n')), message: 'Face Photo (binary property "data") is not a PNG or JPEG image; only PNG and JPEG images are accepted [item 1]' },
	{ label: 'HTML saved as .jpg', parameters: FACE, good: goodFace, bad: withPhoto(ZHANG_SAN, Buffer.from('<!DOCTYPE html><html><body>Session expired</body></html>')), message: 'Face Photo (binary property "data") is an HTML/XML document; only PNG and JPEG images are accepted [item 1]' },
	{ label: 'GIF', parameters: FACE, good: goodFace, bad: withPhoto(ZHANG_SAN, GIF_BYTES), message: 'Face Photo (binary property "data") is a GIF image; only PNG and JPEG images are accepted [item 1]' },
	{ label: 'empty file', parameters: FACE, good: goodFace, bad: withPhoto(ZHANG_SAN, Buffer.alloc(0)), message: 'Face Photo (binary property "data") is empty [item 1]' },
	{ label: 'PDF file', parameters: FACE, good: goodFace, bad: withPhoto(ZHANG_SAN, Buffer.from('%PDF-1.7\n%scanned ID card\n')), message: 'Face Photo (binary property "data") is a PDF document; only PNG and JPEG images are accepted [item 1]' },
	{
		label: 'image over the limit',
		parameters: FACE,
		good: goodFace,
		bad: withPhoto(ZHANG_SAN, testJpeg({ person: ZHANG_SAN.id }, { minBytes: 2.5 * MEGABYTE })),
		message: 'Face Photo (binary property "data") is 3.3 MB (3,495,256 bytes) after base64, over this action\'s limit of 3.0 MB (3,145,728 bytes) [item 1]',
	},
	{ label: 'missing binary property', parameters: FACE, good: goodFace, bad: withPhoto(ZHANG_SAN, zhangSanPhoto, 'selfie'), message: 'Face Photo has no binary property "data" on the input item [item 1]' },
	// Images: base64 text.
	{ label: 'broken base64', parameters: FACE_BASE64, good: { json: { ...ZHANG_SAN, photo: zhangSanPhoto.toString('base64') } }, bad: { json: { ...ZHANG_SAN, photo: '@@ not base64 @@' } }, message: 'Face Photo (base64) is not valid base64 [item 1]' },
	{ label: 'empty base64', parameters: FACE_BASE64, good: { json: { ...ZHANG_SAN, photo: zhangSanPhoto.toString('base64') } }, bad: { json: { ...ZHANG_SAN, photo: '' } }, message: 'Face Photo (base64) is empty [item 1]' },
	{ label: 'base64 of a GIF (CheckIdCardInformation)', parameters: CHECK_BASE64, good: { json: { photo: zhangSanPhoto.toString('base64') } }, bad: { json: { photo: GIF_BYTES.toString('base64') } }, message: 'ID Card Photo is a GIF image; only PNG and JPEG images are accepted [item 1]' },
	// Images: URLs Tencent would download.
	{ label: 'URL without scheme', parameters: OCR_PHOTO_URL, good: { json: { url: 'https://example.com/card.jpg' } }, bad: { json: { url: 'example.com/card.jpg' } }, message: 'ID Card Photo URL is not an absolute URL (it needs http:// or https://) [item 1]' },
	{ label: 'URL with another scheme', parameters: OCR_PHOTO_URL, good: { json: { url: 'https://example.com/card.jpg' } }, bad: { json: { url: 'file:///etc/passwd' } }, message: 'ID Card Photo URL must use http or https, not file [item 1]' },
	{ label: 'empty URL', parameters: OCR_PHOTO_URL, good: { json: { url: 'https://example.com/card.jpg' } }, bad: { json: { url: '' } }, message: 'ID Card Photo URL is empty [item 1]' },
	// Document verification (ApplyCardVerification).
	{ label: 'missing back side', parameters: APPLY, good: goodApply, bad: { json: { ...goodApply.json, nationality: 'HKG' } }, message: 'Back Image is required for a HKG ID_CARD: turn on "Include Back Side" [item 1]' },
	{ label: 'wrong region', parameters: APPLY, good: goodApply, bad: { json: { ...goodApply.json, region: 'ap-guangzhou' } }, message: 'Region "ap-guangzhou" is not one of ap-hongkong, ap-jakarta, ap-singapore [item 1]' },
	{ label: 'unknown nationality', parameters: APPLY, good: goodApply, bad: { json: { ...goodApply.json, nationality: 'XYZ' } }, message: expect.stringMatching(/^Nationality "XYZ" is not one of [A-Z, ]*\bHKG\b[A-Z, ]* \[item 1\]$/) as unknown as string },
	{ label: 'unknown card type', parameters: APPLY, good: goodApply, bad: { json: { ...goodApply.json, cardType: 'BIRTH_CERTIFICATE' } }, message: expect.stringMatching(/^Card Type "BIRTH_CERTIFICATE" is not one of .* for the faceid generation \[item 1\]$/) as unknown as string },
	{ label: 'front image not an image', parameters: APPLY, good: goodApply, bad: { json: { ...goodApply.json, photo: Buffer.from('%PDF-1.7 scanned passport').toString('base64') } }, message: expect.stringMatching(/^Front Image (\(base64\) )?is (a PDF document|not a PNG or JPEG image).* \[item 1\]$/) as unknown as string },
	// Options read per item.
	{ label: 'similarity threshold out of range', parameters: { ...FACE, options: { similarityThreshold: '={{ $json.threshold }}' } }, good: withPhoto({ ...ZHANG_SAN, threshold: 70 }, zhangSanPhoto), bad: withPhoto({ ...ZHANG_SAN, threshold: 150 }, zhangSanPhoto), message: 'Similarity Threshold must be a number from 0 to 100 [item 1]' },
];

/** Where each item left the node: its output and, for error items, the message. */
function itemsByIndex(run: FaceIdRun): Map<number, { output: number; item: INodeExecutionData }> {
	const byIndex = new Map<number, { output: number; item: INodeExecutionData }>();
	run.outputs.forEach((items, output) =>
		items.forEach((item) => {
			const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
			byIndex.set((paired as { item: number }).item, { output, item });
		}),
	);
	return byIndex;
}

const REVIEW = 2;

/** The checks both kinds of case share. */
async function expectDocumentedFailure(
	run: (items: TestItem[], onError: 'stopWorkflow' | 'continueRegularOutput') => Promise<FaceIdRun>,
	good: TestItem,
	bad: TestItem,
	message: string,
): Promise<void> {
	const stopped = await run([good, bad], 'stopWorkflow');
	expect(stopped.error?.message).toEqual(message);
	expect(['NodeOperationError', 'NodeApiError']).toContain(stopped.result.error?.name);

	const continued = await run([good, bad, good], 'continueRegularOutput');
	expect(continued.error).toBeUndefined();
	const byIndex = itemsByIndex(continued);
	expect([...byIndex.keys()].sort()).toEqual([0, 1, 2]);
	expect(byIndex.get(1)?.output).toBe(REVIEW);
	expect(byIndex.get(1)?.item.json.error).toEqual(message);
	for (const index of [0, 2]) expect(byIndex.get(index)?.item.json.error).toBeUndefined();
}

describe('malformed input: refused before sending, naming the field and the item', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		// Many short runs in a row: Tencent's 20/s for ImageRecognitionV2 is not what is tested here.
		sandbox = await startSandbox({ rateLimits: { ImageRecognitionV2: Infinity } });
	});
	afterAll(() => sandbox.close());

	it(`covers at least 30 kinds of bad input (${INPUT_CASES.length})`, () => {
		expect(INPUT_CASES.length).toBeGreaterThanOrEqual(30);
	});

	it.each(INPUT_CASES.map((c) => [c.label, c] as const))('%s', async (_label, testCase) => {
		const good = testCase.good ?? { json: ZHANG_SAN };
		const sent: number[] = [];
		await expectDocumentedFailure(
			async (items, onError) => {
				sandbox.clearRequests();
				const run = await runFaceId(sandbox.url, { ...testCase.parameters, options: { maxRetries: 0, ...(testCase.parameters.options as object) } }, items, { onError });
				sent.push(sandbox.requests.length);
				return run;
			},
			good,
			testCase.bad,
			testCase.message,
		);
		// The continued run sent the two good items and nothing for the bad one.
		expect(sent[1]).toBe(2);
	});
});

describe('hostile answers: a documented error for the item, never a crash', () => {
	const ORIGIN = 'https://faceid.tencentcloudapi.com';
	const HOSTILE_REGION = 'ap-hostile';
	const SECRET_KEY = 'badInputTestSecretKey0000000000000';
	const SESSION_TOKEN = 'badInputTestSessionToken-0000000000';
	const ok = (requestId: string) => JSON.stringify({ Response: { Result: '0', Description: 'match', RequestId: requestId } });
	const pendingTimers: NodeJS.Timeout[] = [];

	type Reply = [number, string, Record<string, string>?] | Error | 'hang';

	interface HostileCase {
		label: string;
		reply: Reply;
		message: string | RegExp;
		/** Node options for the run (e.g. encryption); default none. */
		options?: INodeParameters;
	}

	const socketError = (code: string, message: string) => Object.assign(new Error(message), { code });
	const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
	const publicKeyPem = pair.publicKey.export({ type: 'pkcs1', format: 'pem' }).toString();
	const iv = Buffer.alloc(16, 7).toString('base64');

	const HOSTILE_CASES: HostileCase[] = [
		{ label: 'an HTML error page with HTTP 200', reply: [200, '<html><body><h1>Welcome to nginx!</h1></body></html>', { 'Content-Type': 'text/html' }], message: 'InvalidResponse.NotJson: The answer is not JSON: <html><body><h1>Welcome to nginx!</h1></body></html> [item 1]' },
		{ label: 'truncated JSON', reply: [200, ok('r').slice(0, 30)], message: 'InvalidResponse.NotJson: The answer is not JSON: {"Response":{"Result":"0","Des [item 1]' },
		{ label: 'an empty body', reply: [200, ''], message: 'InvalidResponse.NotJson: The answer is not JSON: (empty body) [item 1]' },
		{ label: 'JSON without Response', reply: [200, JSON.stringify({ result: 'ok' })], message: 'InvalidResponse.NoResponse: The answer is JSON but has no "Response" object: not a Tencent Cloud API answer [item 1]' },
		{ label: 'a JSON array', reply: [200, '[]'], message: 'InvalidResponse.NoResponse: The answer is JSON but has no "Response" object: not a Tencent Cloud API answer [item 1]' },
		{ label: 'JSON null', reply: [200, 'null'], message: 'InvalidResponse.NoResponse: The answer is JSON but has no "Response" object: not a Tencent Cloud API answer [item 1]' },
		{ label: 'a Response without Result', reply: [200, JSON.stringify({ Response: { RequestId: 'r-schema' } })], message: 'InvalidResponse.Schema: The IdCardVerification answer does not match its documented shape: Result Required [item 1]' },
		{ label: 'a Result that is a number', reply: [200, JSON.stringify({ Response: { Result: 0, RequestId: 'r-type' } })], message: 'InvalidResponse.Schema: The IdCardVerification answer does not match its documented shape: Result Expected string, received number [item 1]' },
		{ label: 'HTTP 403 from a gateway', reply: [403, '<html><body>403 Forbidden</body></html>', { 'Content-Type': 'text/html' }], message: 'HTTP403: HTTP 403 from the endpoint: <html><body>403 Forbidden</body></html> [item 1]' },
		{ label: 'HTTP 502 from a proxy', reply: [502, '<html><head><title>502 Bad Gateway</title></head></html>', { 'Content-Type': 'text/html' }], message: 'HTTP502: HTTP 502 from the endpoint: <html><head><title>502 Bad Gateway</title></head></html> (not sent again: Tencent may have processed and billed it (option "Retry Requests Tencent May Have Processed")) [item 1]' },
		{ label: 'HTTP 500 with no body', reply: [500, ''], message: 'HTTP500: HTTP 500 from the endpoint (not sent again: Tencent may have processed and billed it (option "Retry Requests Tencent May Have Processed")) [item 1]' },
		{ label: 'HTTP 503 carrying a Tencent error', reply: [503, JSON.stringify({ Response: { Error: { Code: 'ServiceUnavailable', Message: 'busy' }, RequestId: 'r-503' } })], message: 'ServiceUnavailable: ServiceUnavailable: busy (not sent again: Tencent may have processed and billed it (option "Retry Requests Tencent May Have Processed")) [item 1]' },
		{
			label: 'a proxy page echoing the ID number and the secrets',
			reply: [502, `<pre>upstream failed for {"IdCard":"${ZHANG_SAN.id}"} key=${SECRET_KEY} token=${SESSION_TOKEN}</pre>`],
			message: 'HTTP502: HTTP 502 from the endpoint: <pre>upstream failed for {"IdCard":"1****************2"} key=[redacted] token=[redacted]… (not sent again: Tencent may have processed and billed it (option "Retry Requests Tencent May Have Processed")) [item 1]',
		},
		{ label: 'a huge HTML page', reply: [200, `<html>${'x'.repeat(1_000_000)}</html>`], message: `InvalidResponse.NotJson: The answer is not JSON: <html>${'x'.repeat(114)}… [item 1]` },
		// Only this case has a short timeout: under load a good item's answer may take over a second.
		{ label: 'a timeout', reply: 'hang', options: { timeout: 1 }, message: /^(ECONNABORTED|ETIMEDOUT): No answer from Tencent Cloud before the timeout; the request may still have been processed.* \[item 1\]$/ },
		{ label: 'a DNS failure', reply: socketError('ENOTFOUND', 'getaddrinfo ENOTFOUND faceid.tencentcloudapi.com'), message: /^ENOTFOUND: Could not reach Tencent Cloud: .* \[item 1\]$/ },
		{ label: 'a reset connection', reply: socketError('ECONNRESET', 'socket hang up'), message: /^ECONNRESET: Could not reach Tencent Cloud: .* \[item 1\]$/ },
		{ label: 'a refused connection', reply: socketError('ECONNREFUSED', 'connect ECONNREFUSED'), message: /^ECONNREFUSED: Could not reach Tencent Cloud: .* \[item 1\]$/ },
		{
			label: 'an encrypted answer that does not decrypt',
			options: { encryption: 'AES-256-CBC' },
			reply: [200, JSON.stringify({ Response: { Result: '0', Name: Buffer.alloc(32).toString('base64'), Encryption: { EncryptList: ['Response.Name'], Iv: iv, Algorithm: 'AES-256-CBC' }, RequestId: 'r-dec' } })],
			message: /^Tencent answered \(RequestId r-dec\) but the answer could not be decrypted: Could not decrypt Response\.Name: .*may have been billed: check before repeating it\. \[item 1\]$/,
		},
		{
			label: 'an EncryptList path aimed at Object.prototype',
			options: { encryption: 'AES-256-CBC' },
			reply: [200, JSON.stringify({ Response: { Result: '0', Encryption: { EncryptList: ['Response.__proto__.polluted'], Iv: iv }, RequestId: 'r-proto' } })],
			message: /^Tencent answered \(RequestId r-proto\) but the answer could not be decrypted: "Response\.__proto__\.polluted" is not a usable field path.* \[item 1\]$/,
		},
	];

	beforeAll(() => {
		nock.disableNetConnect();
	});
	afterEach(() => {
		for (const timer of pendingTimers.splice(0)) clearTimeout(timer);
		nock.abortPendingRequests();
		nock.cleanAll();
	});
	afterAll(() => {
		nock.enableNetConnect();
		nock.restore();
	});

	/** Good items get a match; the item whose request carries the hostile region gets `reply`. */
	function answer(reply: Reply): void {
		let counter = 0;
		nock(ORIGIN)
			.persist()
			.post('/')
			// nock 15 calls this with a Fetch Request and a callback; its types still describe (uri, body).
			.reply(((request: Request, callback: (error: Error | null, reply?: unknown) => void) => {
				if (request.headers.get('x-tc-region') !== HOSTILE_REGION) return callback(null, [200, ok(`good-${++counter}`)]);
				if (reply instanceof Error) return callback(reply);
				if (reply === 'hang') {
					pendingTimers.push(setTimeout(() => callback(null, [200, ok('late')]), 5_000));
					return;
				}
				callback(null, reply);
			}) as never);
	}

	it(`covers at least 15 kinds of hostile answer (${HOSTILE_CASES.length})`, () => {
		expect(HOSTILE_CASES.length).toBeGreaterThanOrEqual(15);
	});

	it.each(HOSTILE_CASES.map((c) => [c.label, c] as const))('%s', async (_label, testCase) => {
		answer(testCase.reply);
		const parameters: INodeParameters = {
			...IDV,
			options: { region: '={{ $json.region }}', maxRetries: 0, ...testCase.options },
		};
		const credential = { site: 'china', endpoint: '', secretKey: SECRET_KEY, sessionToken: SESSION_TOKEN, encryptionPublicKey: publicKeyPem };
		await expectDocumentedFailure(
			async (items, onError) => await runFaceId('', parameters, items, { onError, credential }),
			{ json: { ...ZHANG_SAN, region: '' } },
			{ json: { ...ZHANG_SAN, region: HOSTILE_REGION } },
			(typeof testCase.message === 'string' ? testCase.message : expect.stringMatching(testCase.message)) as string,
		);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});
});
