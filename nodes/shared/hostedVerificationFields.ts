/**
 * A hosted verification's result as every node shows it (Get Verification Result, the FaceID
 * Trigger's poll, the Return Trigger's webhook): Tencent's answer, each attempt, the Reference, and
 * the images Tencent returns (best frame, document sides, portrait) as binary properties.
 */
import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeExecutionData, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';

import { detectImageFormat, imageFileExtension, imageMimeType } from '../../lib/tencent/images';
import {
	HOSTED_POLLING,
	hostedAttempts,
	outcomeOfHostedResult,
	parseHostedEntryKind,
	type HostedFlowKind,
} from '../../lib/tencent/pendingVerifications/hostedVerification';
import type { EmittedResult } from '../../lib/tencent/pendingVerifications/poller';
import { protectOutput, type PrivacySettings } from './privacy';
import { deliveryFields, emittedDetails, type DeliveryDetails } from './responseFields';

type BinaryContext = IExecuteFunctions | IPollFunctions | IWebhookFunctions;

/** Where each flow's answer keeps a file: the object path, the field, and the binary property it becomes. */
interface ImagePlace {
	path: readonly (string | number)[];
	field: string;
	property: string;
}

const IMAGE_PLACES: Readonly<Record<HostedFlowKind, readonly ImagePlace[]>> = {
	webVerification: [
		{ path: [], field: 'BestFrameBase64', property: 'bestFrame' },
		{ path: [], field: 'VideoBase64', property: 'video' },
		{ path: ['OCRResult', 0], field: 'CardImageBase64', property: 'documentFront' },
		{ path: ['OCRResult', 0], field: 'CardBackImageBase64', property: 'documentBack' },
		{ path: ['OCRResult', 0], field: 'CardCutImageBase64', property: 'documentFrontCut' },
		{ path: ['OCRResult', 0], field: 'CardBackCutImageBase64', property: 'documentBackCut' },
		{ path: ['OCRResult', 0], field: 'HeadImageBase64', property: 'portrait' },
	],
	detectAuth: [
		{ path: ['BestFrame'], field: 'BestFrame', property: 'bestFrame' },
		{ path: ['IdCardData'], field: 'OcrFront', property: 'documentFront' },
		{ path: ['IdCardData'], field: 'OcrBack', property: 'documentBack' },
		{ path: ['IdCardData'], field: 'ProcessedFrontImage', property: 'documentFrontCut' },
		{ path: ['IdCardData'], field: 'ProcessedBackImage', property: 'documentBackCut' },
		{ path: ['IdCardData'], field: 'Avatar', property: 'portrait' },
		{ path: ['VideoData'], field: 'LivenessVideo', property: 'video' },
	],
};

function objectAt(root: unknown, path: readonly (string | number)[]): Record<string, unknown> | undefined {
	let current = root;
	for (const step of path) {
		if (!current || typeof current !== 'object') return undefined;
		current = (current as Record<string | number, unknown>)[step];
	}
	return current && typeof current === 'object' ? (current as Record<string, unknown>) : undefined;
}

/** Moves the answer's files into binary properties (removed from `answer`, a copy the caller owns). */
export async function moveHostedFilesToBinary(context: BinaryContext, flow: HostedFlowKind, answer: IDataObject): Promise<IBinaryKeyData | undefined> {
	let binary: IBinaryKeyData | undefined;
	for (const place of IMAGE_PLACES[flow]) {
		const holder = objectAt(answer, place.path);
		const value = holder?.[place.field];
		if (!holder || typeof value !== 'string' || value === '') continue;
		const bytes = Buffer.from(value, 'base64');
		const format = detectImageFormat(bytes);
		const isVideo = place.property === 'video';
		const fileName = format ? `${place.property}.${imageFileExtension(format)}` : `${place.property}${isVideo ? '.mp4' : ''}`;
		const mimeType = format ? imageMimeType(format) : isVideo ? 'video/mp4' : 'application/octet-stream';
		binary ??= {};
		binary[place.property] = await context.helpers.prepareBinaryData(bytes, fileName, mimeType);
		delete holder[place.field];
	}
	return binary;
}

export interface HostedResultDetails extends DeliveryDetails {
	token: string;
	flow: HostedFlowKind;
	region: string;
	reference: string;
}

/** One result's JSON without its outcome: Tencent's answer, `attempts`, the Reference and `verification`. */
export function hostedResultFields(answer: IDataObject, details: HostedResultDetails): IDataObject {
	const verification: IDataObject = { token: details.token, flow: details.flow, ...(details.region ? { region: details.region } : {}), ...deliveryFields(details) };
	return {
		BizToken: details.token,
		...answer,
		attempts: hostedAttempts(details.flow, answer) as unknown as IDataObject[],
		reference: details.reference,
		verification,
	};
}

/** "Simplify": the verdict, the attempts, the document data and the Reference. */
export function simplifyHostedResult(fields: IDataObject): IDataObject {
	const text = (fields.Text ?? undefined) as IDataObject | undefined;
	const kept: IDataObject = {
		BizToken: fields.BizToken,
		// Why there is no result (Tencent refused the token).
		...(fields.Error !== undefined ? { Error: fields.Error } : {}),
		...(fields.ErrorCode !== undefined ? { ErrorCode: fields.ErrorCode, ErrorMsg: fields.ErrorMsg } : {}),
		...(text ? { ErrCode: text.ErrCode, ErrMsg: text.ErrMsg, Sim: text.Sim } : {}),
		attempts: fields.attempts,
		...(fields.OCRResult !== undefined ? { OCRResult: fields.OCRResult } : {}),
		...(fields.Extra !== undefined || text?.Extra !== undefined ? { Extra: fields.Extra ?? text?.Extra } : {}),
		reference: fields.reference,
		verification: fields.verification,
	};
	return Object.fromEntries(Object.entries(kept).filter(([, value]) => value !== undefined)) as IDataObject;
}

/** A registry result (from the poll or a return) as the item a trigger emits. */
export async function hostedResultItem(
	context: IPollFunctions | IWebhookFunctions,
	emitted: EmittedResult,
	privacy: PrivacySettings,
	delivery: string,
): Promise<INodeExecutionData> {
	const { record, result } = emitted;
	const flow = parseHostedEntryKind(record.generation)?.flow ?? 'webVerification';
	const answer: IDataObject = structuredClone((result.response ?? {}) as IDataObject);
	if (result.error) answer.Error = { Code: result.error.code, Message: result.error.message };
	const binary = await moveHostedFilesToBinary(context, flow, answer);
	const fields = hostedResultFields(answer, { token: record.key, flow, ...emittedDetails(emitted, delivery) });
	const item: INodeExecutionData = { json: protectOutput({ ...fields, outcome: { ...result.outcome } as unknown as IDataObject }, privacy) };
	if (binary) item.binary = binary;
	return item;
}

/** Not a token Tencent issued: the sample's handle. */
const SAMPLE_TOKEN = ['SAMPLE', '0000', 'BIZTOKEN'].join('-');

/** What "Fetch Test Event" and the editor show: a passed international verification, fictional data. */
export function sampleHostedResult(): EmittedResult {
	const now = Date.now();
	const response = {
		ErrorCode: 0,
		ErrorMsg: 'Success',
		VerificationDetailList: [{ ErrorCode: 0, ErrorMsg: 'Success', LivenessErrorCode: 0, CompareErrorCode: 0, ReqTimestamp: now - 20_000, Similarity: 93.5, Seq: 'sample-seq' }],
		OCRResult: [],
		Extra: '',
		RequestId: '00000000-0000-0000-0000-000000000000',
	};
	return {
		record: {
			key: SAMPLE_TOKEN,
			state: 'emitting',
			generation: 'webVerification',
			region: 'ap-singapore',
			reference: 'CRM-0001',
			registeredAt: now - 120_000,
			pollIntervalMs: HOSTED_POLLING.intervalMs,
			maxPolls: HOSTED_POLLING.maxPolls,
			polls: 1,
			nextPollAt: now,
			emitCount: 1,
			finishedAt: now,
		},
		result: { outcome: outcomeOfHostedResult('webVerification', response), response, polls: 1 },
	};
}
