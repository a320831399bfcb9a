/**
 * Apply Card Verification: starts Tencent's asynchronous check of a foreign ID document, then
 * either waits for the result inside the workflow or hands the token to the FaceID Trigger
 * through the pending registry. The flow itself (reserve, apply, register, wait, settle) is
 * lib/tencent/pendingVerifications/startFlow.ts; this file reads the fields and shapes the item.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { TencentCloudClient } from '../../../../lib/tencent/client';
import {
	CARD_VERIFICATION_SITES,
	cardVerificationCheck,
	DEFAULT_MAX_POLLS,
	DEFAULT_POLL_INTERVAL_SECONDS,
	GENERATIONS,
	pollingPlan,
} from '../../../../lib/tencent/pendingVerifications/cardVerification';
import { startPendingCheck } from '../../../../lib/tencent/pendingVerifications/startFlow';
import {
	cardVerificationFields,
	headImageBinaryFields,
	generationProperty,
	readGeneration,
	readReference,
	readRegion,
	REFERENCE_PROPERTY,
	regionProperty,
	simplifyCardResult,
} from '../../../shared/cardVerificationFields';
import { abortableSleep } from '../../../shared/client';
import { readNodeOptions } from '../../../shared/options';
import { openNodeRegistry, registryProperties } from '../../../shared/registryFields';
import { showWhen } from '../../helpers/displayOptions';
import { DOCUMENT_BACK, DOCUMENT_FRONT, DOCUMENT_PROPERTIES, readDocumentRequest } from '../../helpers/documentFields';
import { imageFieldProperties } from '../../helpers/imageFields';
import { FIRST_TRY, type EarlierTries, type FlowOperation, type PerformedCheck } from '../types';

const properties: INodeProperties[] = [
	generationProperty,
	regionProperty,
	...DOCUMENT_PROPERTIES,
	...imageFieldProperties(DOCUMENT_FRONT),
	{
		displayName: 'Include Back Side',
		name: 'includeBackSide',
		type: 'boolean',
		default: false,
		description:
			"Whether to send the back of the document. Tencent requires it for Hong Kong, Malaysian, Singaporean, Japanese and Taiwanese ID cards and for Thai, Malaysian and Singaporean driving licenses; it is checked before sending.",
	},
	// After each field's own source condition: n8n shows a field whose first condition is an
	// expression (Include Back Side may be one), so that condition must not come first.
	...showWhen({ includeBackSide: [true] }, imageFieldProperties(DOCUMENT_BACK)),
	...showWhen({ apiGeneration: ['ocr'] }, [
		{
			displayName: 'Return Head Image',
			name: 'returnHeadImage',
			type: 'boolean',
			default: false,
			description: 'Whether the result should carry the portrait cut from the document',
		},
	]),
	...showWhen({ apiGeneration: ['ocr'], returnHeadImage: [true] }, [
		{
			displayName: 'Put Head Image in Binary Property',
			name: 'headImageBinaryProperty',
			type: 'string',
			default: 'headImage',
			hint: 'The base64 HeadImageBase64 field leaves the JSON and becomes this binary property',
		},
	]),
	REFERENCE_PROPERTY,
	{
		displayName: 'Wait for Result',
		name: 'waitForResult',
		type: 'boolean',
		default: true,
		description:
			'Whether to ask for the result at the interval Tencent returns until it is final, and route it. Off: the item leaves at once (Review, PROCESSING) and the FaceID Trigger emits the result.',
	},
	...showWhen({ apiGeneration: ['ocr'] }, [
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'ocrPollIntervalSeconds',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 600 },
			default: DEFAULT_POLL_INTERVAL_SECONDS,
			description: `Seconds between result requests. The OCR generation's Apply returns no interval (the FaceID one does, and it is used); at most ${DEFAULT_MAX_POLLS} requests are made.`,
		},
	]),
	...showWhen({ waitForResult: [true] }, [
		{
			displayName: 'Max Polls',
			name: 'maxPolls',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				'At most this many result requests while waiting; 0 uses the number Tencent returns. When they run out the item goes to Review as timed out, with its token.',
		},
	]),
	...registryProperties({ allowNone: true }),
];

async function perform(this: IExecuteFunctions, client: TencentCloudClient, itemIndex: number, earlier: EarlierTries = FIRST_TRY): Promise<PerformedCheck> {
	const generation = readGeneration(this, itemIndex);
	const region = readRegion(this, itemIndex);
	const reference = readReference(this, itemIndex);
	const request = await readDocumentRequest(this, itemIndex);
	// An earlier try of the node (Retry On Fail) bought this very check: its token and result, not a second purchase.
	const purchase = { action: GENERATIONS[generation].apply.name, request: { ...request, region } };
	const reused = earlier.reusedFor(purchase.action, purchase.request);
	if (reused) return reused;
	const wait = this.getNodeParameter('waitForResult', itemIndex, true) === true;
	const userMaxPolls = Number(this.getNodeParameter('maxPolls', itemIndex, 0)) || 0;
	const fallbackInterval =
		Number(this.getNodeParameter('ocrPollIntervalSeconds', itemIndex, DEFAULT_POLL_INTERVAL_SECONDS)) || DEFAULT_POLL_INTERVAL_SECONDS;
	const timeoutMs = readNodeOptions(this, itemIndex).timeout * 1000;
	const signal = this.getExecutionCancelSignal();

	const registry = await openNodeRegistry(this, itemIndex);
	try {
		const started = await startPendingCheck({
			registry,
			kind: generation,
			region,
			reference,
			check: cardVerificationCheck(generation, client, { timeoutMs, signal }),
			start: async () => await client.call(GENERATIONS[generation].apply, request, { region, timeoutMs, signal }),
			tokenOf: (answer) => answer.CardVerificationToken,
			plansOf: (answer) => ({
				tencent: pollingPlan(answer, undefined, fallbackInterval),
				wait: pollingPlan(answer, userMaxPolls, fallbackInterval),
			}),
			wait: wait ? { requestTimeoutMs: timeoutMs, sleep: abortableSleep, signal } : undefined,
			log: { warn: (message) => this.logger.warn(message), error: (message) => this.logger.error(message) },
		});
		const details = { token: started.token, generation, region, reference, polls: started.polls, delivery: started.delivery };
		const performed = { fields: cardVerificationFields({ ...started.answer, ...started.result }, details), outcome: started.outcome };
		earlier.keep(purchase.action, purchase.request, performed);
		return performed;
	} finally {
		await registry?.close();
	}
}

export const applyCardVerification: FlowOperation = {
	resource: 'document',
	sites: CARD_VERIFICATION_SITES,
	value: 'applyCardVerification',
	name: 'Apply Card Verification',
	description:
		"Check a foreign ID document (Indonesian, Hong Kong, Thai, Malaysian, Singaporean, Japanese… ID cards, passports, driving licenses) asynchronously (Tencent's ApplyCardVerification)",
	actionLabel: 'Verify a foreign ID document',
	properties,
	perform,
	simplify: simplifyCardResult,
	binaryFields: headImageBinaryFields('headImageBinaryProperty'),
};
