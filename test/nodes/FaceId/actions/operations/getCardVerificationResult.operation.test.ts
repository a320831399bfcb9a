/**
 * The "Get Card Verification Result" operation: one result request for a token from Apply Card
 * Verification, routed like the Apply step's wait and the trigger. Its flow is run with a stand-in
 * n8n context and client (what is asked, what the item holds, which failures are answers about
 * the token); then through n8n's engine against the sandbox.
 */
import type { ICredentialDataDecryptedObject, INodeExecutionData } from 'n8n-workflow';

import type { ActionDefinition, BaseResponse } from '../../../../../lib/tencent/actions/common';
import type { CallOptions, TencentCloudClient } from '../../../../../lib/tencent/client';
import { TencentCloudError } from '../../../../../lib/tencent/errors';
import { outcomeOfCardVerification } from '../../../../../lib/tencent/pendingVerifications/cardVerification/statuses';
import { getCardVerificationResult } from '../../../../../nodes/FaceId/actions/operations/getCardVerificationResult.operation';
import { cardVerificationActions } from '../../../../../sandbox/actions/cardVerificationActions';
import { SANDBOX_PORTRAIT, testPng } from '../../../../../sandbox/actions/testImages';
import { startSandbox, type Sandbox } from '../../../../../sandbox/server';
import { runFaceIdItems, sandboxCredential } from '../../../../support/documentCheckWorkflows';
import { executeContext, failure } from './support/executeContext';

interface Call {
	action: string;
	params: unknown;
	options?: CallOptions;
}

function fakeClient(answer: () => Promise<Record<string, unknown>>) {
	const calls: Call[] = [];
	const client = {
		call: async <Req, Res extends BaseResponse>(action: ActionDefinition<Req, Res>, params: Req, options?: CallOptions) => {
			calls.push({ action: action.name, params, options });
			return (await answer()) as Res;
		},
	} as unknown as TencentCloudClient;
	return { client, calls };
}

const apiError = (code: string) =>
	new TencentCloudError({ kind: 'api', code, message: `${code}: from Tencent`, action: 'GetCardVerificationResult', requestId: `req-${code}` });

describe('the flow', () => {
	const signal = new AbortController().signal;
	const perform = (parameters: Record<string, unknown>, answer: () => Promise<Record<string, unknown>>) => {
		const { client, calls } = fakeClient(answer);
		const context = executeContext({ parameters, signal });
		return { calls, result: getCardVerificationResult.perform.call(context, client, 0) };
	};

	test("asks the generation's result action once, for the trimmed token, in the chosen region, within the node's timeout", async () => {
		const answer = { Status: 'PASSED', CardInfo: { HKIDCard: { EnName: 'CHAN, Tai Man' } }, RequestId: 'r-1' };
		const { calls, result } = perform(
			{ apiGeneration: 'faceid', cardRegion: 'ap-hongkong', cardVerificationToken: '  cv-123  ', options: { timeout: 12 } },
			async () => answer,
		);
		const performed = await result;
		expect(calls).toEqual([{ action: 'GetCardVerificationResult', params: { CardVerificationToken: 'cv-123' }, options: { timeoutMs: 12_000, signal, region: 'ap-hongkong' } }]);
		expect(performed.outcome).toEqual(outcomeOfCardVerification(answer));
		expect(performed.fields).toEqual({
			CardVerificationToken: 'cv-123',
			Status: 'PASSED',
			CardInfo: answer.CardInfo,
			RequestId: 'r-1',
			reference: '',
			verification: { token: 'cv-123', generation: 'faceid', region: 'ap-hongkong', polls: 1, delivery: 'result request' },
		});
	});

	test('the OCR generation asks its own result action', async () => {
		const { calls, result } = perform({ apiGeneration: 'ocr', cardRegion: 'ap-singapore', cardVerificationToken: 'ext-1' }, async () => ({ Status: 'PROCESSING', RequestId: 'r' }));
		expect((await result).outcome).toMatchObject({ status: 'review', code: 'PROCESSING', retryable: true });
		expect(calls.map((call) => call.action)).toEqual(['GetCardVerificationExternalResult']);
	});

	test('a token Tencent refuses (unknown, expired) is an answer about that token: Review, with the Error', async () => {
		const { result } = perform({ cardVerificationToken: 'cv-gone' }, async () => Promise.reject(apiError('InvalidParameterValue')));
		const performed = await result;
		expect(performed.outcome).toMatchObject({ status: 'review', code: 'InvalidParameterValue', retryable: false, requestId: 'req-InvalidParameterValue' });
		expect(performed.fields).toMatchObject({ CardVerificationToken: 'cv-gone', Error: { Code: 'InvalidParameterValue', Message: 'InvalidParameterValue: from Tencent' } });
	});

	test('a failure that is not about the token (credential, network) is thrown for the router to report', async () => {
		const auth = apiError('AuthFailure.SignatureFailure');
		expect(await failure(() => perform({ cardVerificationToken: 'cv-1' }, async () => Promise.reject(auth)).result)).toBe(auth);
		const network = new TencentCloudError({ kind: 'network', code: 'ECONNRESET', message: 'reset', action: 'GetCardVerificationResult' });
		expect(await failure(() => perform({ cardVerificationToken: 'cv-1' }, async () => Promise.reject(network)).result)).toBe(network);
	});

	test.each([
		['empty', '', 'Card Verification Token is empty [item 0]'],
		['blank', '   ', 'Card Verification Token is empty [item 0]'],
		['with a space inside', 'cv 123', 'Card Verification Token is not a token from Apply Card Verification [item 0]'],
		['513 characters long', 'x'.repeat(513), 'Card Verification Token is not a token from Apply Card Verification [item 0]'],
		['a number', 42, 'Card Verification Token must be text, not number [item 0]'],
	])('a token %s is refused before anything is sent', async (_label, token, message) => {
		const { calls, result } = perform({ cardVerificationToken: token }, async () => ({ Status: 'PASSED', RequestId: 'r' }));
		expect((await failure(() => result)).message).toBe(message);
		expect(calls).toEqual([]);
	});

	test('a region the document check is not offered in is refused before sending', async () => {
		const { calls, result } = perform({ cardVerificationToken: 'cv-1', cardRegion: 'ap-guangzhou' }, async () => ({ Status: 'PASSED', RequestId: 'r' }));
		expect((await failure(() => result)).message).toBe('Region "ap-guangzhou" is not one of ap-hongkong, ap-jakarta, ap-singapore [item 0]');
		expect(calls).toEqual([]);
	});

	test('Simplify keeps the document, its verdict, the reference and the verification details; Tencent\'s RequestId goes', () => {
		const fields = {
			RequestId: 'r',
			CardVerificationToken: 'cv-1',
			Status: 'WARNING',
			WarnInfo: ['PaperCopy'],
			IDVerificationToken: 'internal',
			CardInfo: { GeneralCard: {} },
			reference: 'CRM-1',
			verification: { polls: 1 },
			Error: { Code: 'X', Message: 'y' },
		};
		expect(Object.keys(getCardVerificationResult.simplify(fields))).toEqual(['CardVerificationToken', 'Status', 'WarnInfo', 'CardInfo', 'reference', 'verification', 'Error']);
	});
});

describe('through the engine', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ actions: cardVerificationActions({ processingPolls: 1 }).actions });
	});
	afterAll(async () => sandbox.close());

	async function applyOcr(): Promise<string> {
		const { outputs } = await runFaceIdItems(
			sandbox.url,
			{
				operation: 'applyCardVerification',
				apiGeneration: 'ocr',
				cardRegion: 'ap-singapore',
				nationality: 'IDN',
				cardType: 'ID_CARD',
				documentFrontSource: 'base64',
				documentFrontBase64: testPng({ result: 'COMPLETED', name: 'SITI RAHAYU' }).toString('base64'),
				returnHeadImage: true,
				waitForResult: false,
				registry: 'none',
			},
			[{}],
		);
		return String(outputs[2][0].json.CardVerificationToken);
	}

	const get = (token: string, credential?: ICredentialDataDecryptedObject) =>
		runFaceIdItems(
			sandbox.url,
			{ operation: 'getCardVerificationResult', apiGeneration: 'ocr', cardRegion: 'ap-singapore', cardVerificationToken: '={{ $json.token }}' },
			[{ token }],
			{ credential },
		);

	test('still processing → Review; then the final status → Passed, the head image as a file, not in the JSON', async () => {
		const token = await applyOcr();
		const first = await get(token);
		expect(first.outputs[2][0].json).toMatchObject({ Status: 'PROCESSING', outcome: { code: 'PROCESSING' } });

		const final = await get(token);
		const [item] = final.outputs[0] as INodeExecutionData[];
		expect(item.json).toMatchObject({ Status: 'COMPLETED', CardVerificationToken: token, verification: { generation: 'ocr', delivery: 'result request' } });
		expect(item.json).not.toHaveProperty('HeadImageBase64');
		expect(item.binary?.headImage).toMatchObject({ mimeType: 'image/jpeg', fileName: 'head.jpg' });
		expect(Buffer.from(item.binary!.headImage.data, 'base64').equals(SANDBOX_PORTRAIT)).toBe(true);
	});

	test('a credential Tencent refuses fails the node with the code and the item', async () => {
		const { result } = await get('ext-anything', sandboxCredential(sandbox, { secretKey: 'wrong-secret' }));
		expect(result.nodeError('FaceID')?.message).toMatch(/^AuthFailure\.SignatureFailure: .* \[item 0\]$/);
	});
});
