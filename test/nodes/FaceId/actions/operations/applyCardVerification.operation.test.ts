/**
 * The "Apply Card Verification" operation. Its Apply request, from a stand-in n8n context and
 * client: the document, the images of each side, the portrait option of the OCR generation, the
 * back sides Tencent requires. Then with "Wait for Result" on, through n8n's engine against the
 * sandbox over real HTTP: one document of each final status of both API generations is routed to
 * its output; a document still processing when the polls run out goes to Review as timed out,
 * with its token, handed to the trigger; cancelling the execution stops the wait; without waiting
 * the token is registered for the trigger and Get Card Verification Result reads it later.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { ActionDefinition, BaseResponse } from '../../../../../lib/tencent/actions/common';
import type { TencentCloudClient } from '../../../../../lib/tencent/client';
import { Base64Bytes } from '../../../../../lib/tencent/requestBody';
import { closeAllRegistries, openRegistry } from '../../../../../lib/tencent/pendingVerifications/registry';
import { applyCardVerification } from '../../../../../nodes/FaceId/actions/operations/applyCardVerification.operation';
import { cardVerificationActions } from '../../../../../sandbox/actions/cardVerificationActions';
import { testPng, type ImageScenario } from '../../../../../sandbox/actions/testImages';
import { startSandbox, type Sandbox } from '../../../../../sandbox/server';
import { runFaceIdItems } from '../../../../support/documentCheckWorkflows';
import { executeContext, failure } from './support/executeContext';

describe('the Apply request (no registry, no wait)', () => {
	/** Runs the operation once with a client that records the Apply call and answers with a token. */
	async function apply(parameters: Record<string, unknown>, files?: Array<Record<string, Buffer>>) {
		const calls: Array<{ action: string; params: Record<string, unknown>; region?: string }> = [];
		const client = {
			call: async (action: ActionDefinition<unknown, BaseResponse>, params: Record<string, unknown>, options?: { region?: string }) => {
				calls.push({ action: action.name, params, region: options?.region });
				return { CardVerificationToken: 'cv-unit', RequestId: 'apply-req' };
			},
		} as unknown as TencentCloudClient;
		const context = executeContext({ parameters: { registry: 'none', waitForResult: false, ...parameters }, files });
		const performed = await applyCardVerification.perform.call(context, client, 0);
		return { calls, performed };
	}

	test('faceid generation: the document codes, the front file as ImageBase64Front, sent to the chosen region', async () => {
		const front = testPng({ result: 'PASSED' });
		const { calls, performed } = await apply(
			{ apiGeneration: 'faceid', cardRegion: 'ap-jakarta', nationality: 'idn', cardType: 'driving_license', documentFrontSource: 'binary', documentFrontBinaryProperty: 'front', reference: 'CRM-9', returnHeadImage: true },
			[{ front }],
		);
		expect(calls).toHaveLength(1);
		expect(calls[0]).toMatchObject({ action: 'ApplyCardVerification', region: 'ap-jakarta' });
		// ReturnHeadImage belongs to the OCR generation only.
		expect(Object.keys(calls[0].params)).toEqual(['Nationality', 'CardType', 'ImageBase64Front']);
		expect(calls[0].params).toMatchObject({ Nationality: 'IDN', CardType: 'DRIVING_LICENSE' });
		expect((calls[0].params.ImageBase64Front as Base64Bytes).bytes.equals(front)).toBe(true);
		expect(performed.outcome).toMatchObject({ status: 'review', code: 'PROCESSING', requestId: 'apply-req' });
		expect(performed.fields).toMatchObject({
			CardVerificationToken: 'cv-unit',
			reference: 'CRM-9',
			verification: { token: 'cv-unit', generation: 'faceid', region: 'ap-jakarta', polls: 0, delivery: 'token only in this item (no registry)' },
		});
	});

	test('OCR generation: its own action, both sides from URLs, and the head image when asked', async () => {
		const { calls } = await apply({
			apiGeneration: 'ocr',
			cardRegion: 'ap-singapore',
			nationality: 'SGP',
			cardType: 'ID_CARD',
			documentFrontSource: 'url',
			documentFrontUrl: 'https://bucket.example.com/front.jpg',
			includeBackSide: true,
			documentBackSource: 'url',
			documentBackUrl: 'https://bucket.example.com/back.jpg',
			returnHeadImage: true,
		});
		expect(calls[0]).toEqual({
			action: 'ApplyCardVerificationExternal',
			region: 'ap-singapore',
			params: { Nationality: 'SGP', CardType: 'ID_CARD', ImageUrlFront: 'https://bucket.example.com/front.jpg', ImageUrlBack: 'https://bucket.example.com/back.jpg', ReturnHeadImage: true },
		});
	});

	test("each generation's image limit: a front of 2.7 MB after base64 goes to faceid (5 MB) but not to ocr (2 MB)", async () => {
		const front = testPng({}, { minBytes: 2 * 1024 * 1024 });
		const parameters = { cardRegion: 'ap-singapore', nationality: 'IDN', cardType: 'ID_CARD', documentFrontSource: 'binary', documentFrontBinaryProperty: 'front' };
		await expect(apply({ ...parameters, apiGeneration: 'faceid' }, [{ front }])).resolves.toBeDefined();
		const error = await failure(() => apply({ ...parameters, apiGeneration: 'ocr' }, [{ front }]));
		expect(error.message).toMatch(/^Front Image \(binary property "front"\) is .* over this action's limit of 2\.0 MB .* \[item 0\]$/);
	});

	test('a back side Tencent requires is asked for before anything is sent; a passport needs none', async () => {
		const parameters = { apiGeneration: 'faceid', cardRegion: 'ap-hongkong', documentFrontSource: 'url', documentFrontUrl: 'https://bucket.example.com/front.jpg' };
		const error = await failure(() => apply({ ...parameters, nationality: 'MYS', cardType: 'DRIVING_LICENSE' }));
		expect(error.message).toBe('Back Image is required for a MYS DRIVING_LICENSE: turn on "Include Back Side" [item 0]');
		const { calls } = await apply({ ...parameters, nationality: 'MYS', cardType: 'PASSPORT' });
		expect(calls[0].params).not.toHaveProperty('ImageUrlBack');
	});
});

let sandbox: Sandbox;
let folder: string;
let registryFile: string;
const desk = cardVerificationActions({ processingPolls: 1, pollingWaitTime: 1, maxPollingTimes: 4 });

beforeAll(async () => {
	sandbox = await startSandbox({ actions: desk.actions });
	folder = mkdtempSync(join(tmpdir(), 'faceid-inline-'));
	registryFile = join(folder, 'registry.sqlite');
});
afterAll(async () => {
	await sandbox.close();
	await closeAllRegistries();
	rmSync(folder, { recursive: true, force: true });
});

const image = (scenario?: ImageScenario) => testPng(scenario).toString('base64');

function applyParameters(overrides: Record<string, unknown> = {}) {
	return {
		operation: 'applyCardVerification',
		apiGeneration: '={{ $json.generation }}',
		cardRegion: 'ap-singapore',
		nationality: 'IDN',
		cardType: 'ID_CARD',
		documentFrontSource: 'base64',
		documentFrontBase64: '={{ $json.image }}',
		reference: '={{ $json.crmId }}',
		waitForResult: true,
		registry: 'embedded',
		registryFile,
		registryChannel: 'inline-test',
		// The OCR generation's Apply gives no interval: the node's, shortened for the test.
		ocrPollIntervalSeconds: 1,
		...overrides,
	};
}

/** Output name → the references of its items, e.g. { Passed: ['CRM-1'] }. */
function byOutput(outputs: INodeExecutionData[][]): Record<string, string[]> {
	const names = ['Passed', 'Failed', 'Review', 'Error'];
	return Object.fromEntries(outputs.map((items, index) => [names[index], items.map((item) => String(item.json.reference))]));
}

const outcome = (item: INodeExecutionData) => item.json.outcome as IDataObject;

test('routes one document of each final status, both API generations: Passed, Failed, Review', async () => {
	const started = Date.now();
	const { result, outputs } = await runFaceIdItems(sandbox.url, applyParameters(), [
		{ crmId: 'F-PASSED', generation: 'faceid', image: image({ result: 'PASSED', name: 'SITI RAHAYU' }) },
		{ crmId: 'F-REJECTED', generation: 'faceid', image: image({ result: 'REJECTED' }) },
		{ crmId: 'F-WARNING', generation: 'faceid', image: image({ result: 'WARNING', warn: ['The document may be a photocopy'] }) },
		{ crmId: 'O-COMPLETED', generation: 'ocr', image: image({ result: 'COMPLETED' }) },
		{ crmId: 'O-WARNINGS', generation: 'ocr', image: image({ result: 'WARNING', warn: ['PaperCopy', 'IncompleteCard'] }) },
		{ crmId: 'O-ABNORMAL', generation: 'ocr', image: image({ result: 'ABNORMAL' }) },
	]);
	expect(result.error).toBeUndefined();
	expect(byOutput(outputs)).toEqual({
		Passed: ['F-PASSED', 'O-COMPLETED'],
		Failed: ['F-REJECTED'],
		Review: ['F-WARNING', 'O-WARNINGS', 'O-ABNORMAL'],
	});

	const [passed, completed] = outputs[0];
	expect(passed.json).toMatchObject({
		Status: 'PASSED',
		CardInfo: { GeneralCard: { FullName: 'SITI RAHAYU' } },
		verification: { generation: 'faceid', region: 'ap-singapore', polls: 2, delivery: 'waited inline' },
		outcome: { status: 'passed', code: 'PASSED', billable: true, retryable: false },
	});
	expect(String(passed.json.CardVerificationToken)).toMatch(/^cv-/);
	expect(completed.json).toMatchObject({ Status: 'COMPLETED', verification: { generation: 'ocr' }, outcome: { code: 'COMPLETED' } });
	expect(outcome(outputs[1][0])).toMatchObject({ status: 'failed', code: 'REJECTED' });
	// WarnInfo is spelled out: free text as sent, the OCR codes described.
	expect(outcome(outputs[2][0]).description).toBe('The document passed with warnings: The document may be a photocopy');
	expect(outcome(outputs[2][1])).toMatchObject({
		code: 'COMPLETED',
		warnings: [
			{ code: 'PaperCopy', description: 'The image is a black-and-white or colour photocopy' },
			{ code: 'IncompleteCard', description: 'The card is not completely in the picture' },
		],
	});
	expect(outcome(outputs[2][2])).toMatchObject({ status: 'review', code: 'ABNORMAL' });

	// Polled at Tencent's interval (1 s; the node's for OCR): the first request came after one interval.
	const gets = sandbox.requests.filter((r) => r.action?.startsWith('GetCardVerification') && r.time >= started);
	expect(gets).toHaveLength(12);
	const firstGet = Math.min(...gets.map((r) => r.time));
	expect(firstGet - started).toBeGreaterThanOrEqual(900);

	// Delivered inline: nothing is left for the trigger.
	const registry = await openRegistry({ store: 'embedded', file: registryFile, queue: 'inline-test' });
	const stats = await registry.stats();
	await registry.close();
	expect(stats).toMatchObject({ done: 6, pending: 0, polling: 0, reserved: 0, finished: 0 });
});

test('a document still processing when the polls run out goes to Review as timed out, with its token, and the trigger takes over', async () => {
	const { outputs } = await runFaceIdItems(sandbox.url, applyParameters({ maxPolls: 2, registryChannel: 'timeout-test' }), [
		{ crmId: 'SLOW-1', generation: 'faceid', image: image({ result: 'PROCESSING' }) },
	]);
	expect(outputs[0]).toHaveLength(0);
	expect(outputs[1]).toHaveLength(0);
	const [item] = outputs[2];
	const token = String(item.json.CardVerificationToken);
	expect(item.json).toMatchObject({ Status: 'PROCESSING', reference: 'SLOW-1', verification: { polls: 2 } });
	expect(outcome(item)).toMatchObject({ status: 'review', code: 'TIMED_OUT', retryable: true, billable: true });
	expect(String(outcome(item).description)).toContain('handed to the FaceID Trigger (channel "timeout-test")');

	// The user's cap (2) is below Tencent's (4): the token waits in the registry for the trigger.
	const registry = await openRegistry({ store: 'embedded', file: registryFile, queue: 'timeout-test' });
	const record = await registry.get(token);
	await registry.close();
	expect(record).toMatchObject({ state: 'pending', polls: 2, maxPolls: 4, reference: 'SLOW-1', generation: 'faceid' });
});

test('cancelling the execution stops the wait at once and hands the token to the trigger', async () => {
	const controller = new AbortController();
	const started = Date.now();
	setTimeout(() => controller.abort(), 1500);
	const run = await runFaceIdItems(
		sandbox.url,
		applyParameters({ registryChannel: 'cancel-test', maxPolls: 0 }),
		[{ crmId: 'CANCEL-1', generation: 'faceid', image: image({ result: 'PROCESSING' }) }],
		{ signal: controller.signal },
	);
	// Tencent's plan is 4 polls 1 s apart; the execution ended well before that.
	expect(Date.now() - started).toBeLessThan(3500);
	expect(run.result.run.status).toBe('canceled');
	const registry = await openRegistry({ store: 'embedded', file: registryFile, queue: 'cancel-test' });
	const stats = await registry.stats();
	await registry.close();
	expect(stats).toMatchObject({ pending: 1, polling: 0, reserved: 0 });
});

test('without waiting, the item leaves at once on Review as PROCESSING, registered for the trigger; Get Card Verification Result reads it later', async () => {
	const { outputs } = await runFaceIdItems(sandbox.url, applyParameters({ waitForResult: false, registryChannel: 'handoff-test' }), [
		{ crmId: 'LATER-1', generation: 'ocr', image: image({ result: 'PASSED' }) },
	]);
	const [item] = outputs[2];
	expect(outcome(item)).toMatchObject({ status: 'review', code: 'PROCESSING', retryable: true });
	expect(item.json.verification).toMatchObject({ delivery: 'handed off to the FaceID Trigger (channel "handoff-test")', polls: 0 });
	const token = String(item.json.CardVerificationToken);

	const get = (tokenValue: string) =>
		runFaceIdItems(
			sandbox.url,
			{ operation: 'getCardVerificationResult', apiGeneration: 'ocr', cardRegion: 'ap-singapore', cardVerificationToken: '={{ $json.token }}' },
			[{ token: tokenValue }],
		);
	expect(outcome((await get(token)).outputs[2][0])).toMatchObject({ code: 'PROCESSING' });
	const final = await get(token);
	expect(final.outputs[0][0].json).toMatchObject({ Status: 'COMPLETED', CardVerificationToken: token, outcome: { status: 'passed' } });
	// A token Tencent does not know is an answer about that token (Review), not a failed workflow.
	const unknown = await get('ext-does-not-exist');
	expect(outcome(unknown.outputs[2][0])).toMatchObject({ status: 'review', code: 'InvalidParameterValue', retryable: false });
});

test('a document whose back side is required fails before anything is sent, naming the field and the item', async () => {
	const before = sandbox.requests.length;
	const { result } = await runFaceIdItems(sandbox.url, applyParameters({ nationality: 'HKG', registry: 'none' }), [
		{ crmId: 'OK', generation: 'faceid', image: image() },
	]);
	const error = result.nodeError('FaceID');
	expect(error?.message).toBe('Back Image is required for a HKG ID_CARD: turn on "Include Back Side" [item 0]');
	expect(sandbox.requests.length).toBe(before);
});
