/**
 * Apply Card Verification: starts Tencent's asynchronous check of a foreign ID document, then
 * either waits for the result inside the workflow or hands the token to the FaceID Trigger
 * through the pending registry. Tencent bills the check when it hands out the token, so from
 * that moment on the token is never dropped: it is registered, waited for, or put in the output.
 */
import { randomUUID } from 'node:crypto';

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_MAX_POLLS,
	DEFAULT_POLL_INTERVAL_SECONDS,
	GENERATIONS,
	isBackSideRequired,
	NATIONALITIES,
	pollingPlan,
	waitForCardVerification,
	type CardVerificationGeneration,
	type InlineWaitOutcome,
} from '../../../../lib/tencent/pendingVerifications/cardVerification/generations';
import type { TencentCloudClient } from '../../../../lib/tencent/client';
import { isTencentCloudError, type TencentCloudError } from '../../../../lib/tencent/errors';
import { ApplyCardVerification, type ApplyCardVerificationRequest } from '../../../../lib/tencent/actions/ApplyCardVerification';
import {
	cardVerificationRefused,
	cardVerificationTimedOut,
	cardVerificationUnfinished,
	outcomeOfCardVerification,
	type Outcome,
} from '../../../../lib/tencent/outcomes';
import { PROCESS_OWNER } from '../../../../lib/tencent/pendingVerifications/poller';
import type { Lease, VerificationRegistry } from '../../../../lib/tencent/pendingVerifications/registry/types';
import {
	cardVerificationFields,
	generationProperty,
	readGeneration,
	readReference,
	readRegion,
	regionProperty,
	SIMPLIFIED_RESULT_FIELDS,
	type CardVerificationDetails,
} from '../../helpers/cardVerificationFields';
import { showWhen } from '../../helpers/displayOptions';
import { imageFieldProperties, readImageField, type ImageFieldSpec, type ImageValue } from '../../helpers/imageFields';
import { invalidField } from '../../helpers/itemErrors';
import { openNodeRegistry, registryProperties } from '../../helpers/registry';
import { abortableSleep } from '../../helpers/resilientClient';
import { pickFields } from '../../helpers/responseFields';
import { toNodeApiError, type NodeOptions } from '../checkItem';
import type { FaceIdOperation, PerformedCheck } from '../operation';

const FRONT: ImageFieldSpec = { key: 'documentFront', label: 'Front Image', maxBase64Bytes: GENERATIONS.faceid.maxImageBase64Bytes, url: 'tencent' };
const BACK: ImageFieldSpec = { key: 'documentBack', label: 'Back Image', maxBase64Bytes: GENERATIONS.faceid.maxImageBase64Bytes, url: 'tencent' };

const CARD_TYPES = [
	{ name: 'Automatic Identification', value: 'AUTO' },
	{ name: 'Driving License', value: 'DRIVING_LICENSE' },
	{ name: 'ID Card', value: 'ID_CARD' },
	{ name: 'Passport', value: 'PASSPORT' },
	{ name: 'Residence Permit (OCR Generation Only)', value: 'RESIDENCE_PERMIT' },
];

/** An Apply whose answer never got recorded is reported this long after it was sent. */
const RESERVATION_MS = 10 * 60_000;
const DEFAULT_TIMEOUT_SECONDS = 30;

const properties: INodeProperties[] = [
	generationProperty,
	regionProperty,
	{
		displayName: 'Nationality',
		name: 'nationality',
		type: 'options',
		options: NATIONALITIES.map((entry) => ({ name: `${entry.name} (${entry.code})`, value: entry.code })),
		default: 'AUTO',
		description: 'Country that issued the document (ISO 3166-1 alpha-3)',
	},
	{
		displayName: 'Card Type',
		name: 'cardType',
		type: 'options',
		options: CARD_TYPES,
		default: 'ID_CARD',
	},
	...imageFieldProperties(FRONT),
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
	...showWhen({ includeBackSide: [true] }, imageFieldProperties(BACK)),
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
	{
		displayName: 'Reference',
		name: 'reference',
		type: 'string',
		default: '',
		placeholder: '={{ $json.crmId }}',
		description:
			'Free text kept with the token and returned with the result (here and by the FaceID Trigger), e.g. a CRM record ID to join the result back',
	},
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

function requestImageFields(side: 'Front' | 'Back', image: ImageValue): Partial<ApplyCardVerificationRequest> {
	return image.url !== undefined ? { [`ImageUrl${side}`]: image.url } : { [`ImageBase64${side}`]: image.base64 };
}

function readNationality(context: IExecuteFunctions, itemIndex: number, generation: CardVerificationGeneration): string {
	const value = String(context.getNodeParameter('nationality', itemIndex, 'AUTO')).trim().toUpperCase();
	const known = NATIONALITIES.some((entry) => entry.code === value);
	// The OCR generation reads documents of more countries than the FaceID page lists.
	if (!known && !(generation === 'ocr' && /^[A-Z]{3}$/.test(value))) {
		throw invalidField(context, itemIndex, 'Nationality', `"${value}" is not one of ${NATIONALITIES.map((entry) => entry.code).join(', ')}`);
	}
	return value;
}

function readCardType(context: IExecuteFunctions, itemIndex: number, generation: CardVerificationGeneration): string {
	const value = String(context.getNodeParameter('cardType', itemIndex, 'ID_CARD')).trim().toUpperCase();
	const allowed = GENERATIONS[generation].cardTypes;
	if (!allowed.includes(value)) {
		throw invalidField(context, itemIndex, 'Card Type', `"${value}" is not one of ${allowed.join(', ')} for the ${generation} generation`);
	}
	return value;
}

async function buildApplyRequest(context: IExecuteFunctions, itemIndex: number): Promise<ApplyCardVerificationRequest> {
	const generation = readGeneration(context, itemIndex);
	const Nationality = readNationality(context, itemIndex, generation);
	const CardType = readCardType(context, itemIndex, generation);
	const maxBase64Bytes = GENERATIONS[generation].maxImageBase64Bytes;
	const front = await readImageField(context, itemIndex, { ...FRONT, maxBase64Bytes });
	const includeBack = context.getNodeParameter('includeBackSide', itemIndex, false) === true;
	if (!includeBack && isBackSideRequired(Nationality, CardType)) {
		throw invalidField(
			context,
			itemIndex,
			'Back Image',
			`is required for a ${Nationality} ${CardType}: turn on "Include Back Side"`,
			'Tencent rejects these documents without their back side. Nothing was sent.',
		);
	}
	const back = includeBack ? await readImageField(context, itemIndex, { ...BACK, maxBase64Bytes }) : undefined;
	const request: ApplyCardVerificationRequest & { ReturnHeadImage?: boolean } = {
		Nationality,
		CardType,
		...requestImageFields('Front', front),
		...(back ? requestImageFields('Back', back) : {}),
	};
	if (generation === 'ocr' && context.getNodeParameter('returnHeadImage', itemIndex, false) === true) request.ReturnHeadImage = true;
	return request;
}

/** How an unfinished wait is reported, and whether the trigger takes over from here. */
function unfinishedOutcome(wait: InlineWaitOutcome, handOff: boolean, channel: string, waitedMs: number): Outcome {
	const handedOff = handOff ? ` The token was handed to the FaceID Trigger (channel "${channel}"), which emits the result.` : '';
	const requestId = wait.response?.RequestId;
	if (wait.kind === 'cancelled') {
		return cardVerificationUnfinished('CANCELLED', `The execution was cancelled while waiting for the result.${handedOff}`, requestId);
	}
	if (wait.kind === 'unreachable') {
		const error = wait.error as TencentCloudError;
		return cardVerificationUnfinished(error.code, `Could not ask for the result: ${error.message}.${handedOff}`, error.requestId);
	}
	const timedOut = cardVerificationTimedOut({ polls: wait.polls, waitedMs, requestId });
	return { ...timedOut, description: `${timedOut.description}.${handedOff}` };
}

async function perform(this: IExecuteFunctions, client: TencentCloudClient, itemIndex: number): Promise<PerformedCheck> {
	const generation = readGeneration(this, itemIndex);
	const region = readRegion(this, itemIndex);
	const reference = readReference(this, itemIndex);
	const request = await buildApplyRequest(this, itemIndex);
	const wait = this.getNodeParameter('waitForResult', itemIndex, true) === true;
	const userMaxPolls = Number(this.getNodeParameter('maxPolls', itemIndex, 0)) || 0;
	const options = this.getNodeParameter('options', itemIndex, {}) as NodeOptions;
	const timeoutMs = (options.timeout ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
	const signal = this.getExecutionCancelSignal();
	const { apply, getResult } = GENERATIONS[generation];

	const registry = await openNodeRegistry(this, itemIndex);
	try {
		// Recorded before sending: if n8n dies before the answer is stored, the trigger reports it.
		const reservationKey = registry ? `apply:${randomUUID()}` : undefined;
		if (registry && reservationKey) {
			await registry.reserve({ key: reservationKey, generation, region, reference, createdAt: Date.now(), until: Date.now() + RESERVATION_MS });
		}
		let applied: IDataObject & { CardVerificationToken: string; RequestId: string };
		try {
			applied = (await client.call(apply, request, { region, timeoutMs, signal })) as typeof applied;
		} catch (error) {
			if (registry && reservationKey) await registry.dropReservation(reservationKey);
			if (isTencentCloudError(error)) throw toNodeApiError(this, error, itemIndex);
			// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- not Tencent's: the router wraps it once, with the item
			throw error;
		}

		// From here Tencent has billed the check: whatever happens, the token leaves in the item.
		const token = applied.CardVerificationToken;
		const fallbackInterval = Number(this.getNodeParameter('ocrPollIntervalSeconds', itemIndex, DEFAULT_POLL_INTERVAL_SECONDS)) || DEFAULT_POLL_INTERVAL_SECONDS;
		const tencentPlan = pollingPlan(applied, undefined, fallbackInterval);
		const plan = pollingPlan(applied, userMaxPolls, fallbackInterval);
		const registeredAt = Date.now();
		const hold: Lease | undefined = wait
			? { id: randomUUID(), owner: PROCESS_OWNER, until: registeredAt + plan.maxPolls * (plan.intervalMs + timeoutMs) + 60_000 }
			: undefined;
		const registered = await register(this, registry, {
			token,
			generation,
			region,
			reference,
			registeredAt,
			pollIntervalMs: tencentPlan.intervalMs,
			maxPolls: tencentPlan.maxPolls,
			polls: 0,
			nextPollAt: registeredAt + tencentPlan.intervalMs,
		}, reservationKey, hold);
		const channel = registry?.queue ?? '';
		const details: CardVerificationDetails = { token, generation, region, reference, polls: 0, delivery: '' };
		const applyFields: IDataObject = { ...applied };
		const handedOffText = `handed off to the FaceID Trigger (channel "${channel}")`;

		if (!wait) {
			details.delivery = registered ? handedOffText : registry ? 'registration failed: keep this token' : 'token only in this item (no registry)';
			const outcome = outcomeOfCardVerification({ Status: 'PROCESSING', RequestId: applied.RequestId });
			return { fields: cardVerificationFields(applyFields, details), outcome };
		}

		const result = await waitForCardVerification({
			requestResult: async () => await client.call(getResult, { CardVerificationToken: token }, { region, timeoutMs, signal }),
			plan,
			sleep: abortableSleep,
			signal,
		});
		details.polls = result.polls;
		const response = { ...applyFields, ...result.response };
		const settledHere = result.kind === 'final' || result.kind === 'refused' || (result.kind === 'timed-out' && result.polls >= tencentPlan.maxPolls);
		let handOff = false;
		if (registered && registry && hold) {
			handOff = !settledHere;
			const settled = await registry
				.settleHold(token, hold.id, settledHere ? { delivered: true, at: Date.now() } : { delivered: false, polls: result.polls, nextPollAt: Date.now() + tencentPlan.intervalMs })
				.catch((error: unknown) => {
					this.logger.warn(`FaceID: could not settle the registry hold on a card verification token: ${(error as Error).message}`);
					return false;
				});
			// A hold that lapsed was taken over by the trigger, which will emit the result as well.
			if (!settled) handOff = true;
		}
		details.delivery = handOff ? `waited inline, then ${handedOffText}` : 'waited inline';
		if (result.kind === 'final') return { fields: cardVerificationFields(response, details), outcome: outcomeOfCardVerification(result.response!) };
		if (result.kind === 'refused') return { fields: cardVerificationFields(response, details), outcome: cardVerificationRefused(result.error as TencentCloudError) };
		return { fields: cardVerificationFields(response, details), outcome: unfinishedOutcome(result, handOff, channel, Date.now() - registeredAt) };
	} finally {
		await registry?.close();
	}
}

/** Registers the token; a registry failure is logged and reported in the item, never thrown (the token would be lost). */
async function register(
	context: IExecuteFunctions,
	registry: VerificationRegistry | undefined,
	verification: Parameters<VerificationRegistry['register']>[0],
	reservationKey: string | undefined,
	hold: Lease | undefined,
): Promise<boolean> {
	if (!registry) return false;
	try {
		await registry.register(verification, { reservationKey, hold });
		return true;
	} catch (error) {
		context.logger.error(`FaceID: a card verification token could not be registered for the trigger: ${(error as Error).message}`);
		return false;
	}
}

export const applyCardVerification: FaceIdOperation<ApplyCardVerificationRequest> = {
	value: 'applyCardVerification',
	name: 'Apply Card Verification',
	description:
		"Check a foreign ID document (Indonesian, Hong Kong, Thai, Malaysian, Singaporean, Japanese… ID cards, passports, driving licenses) asynchronously (Tencent's ApplyCardVerification)",
	actionLabel: 'Verify a foreign ID document',
	action: ApplyCardVerification,
	properties,
	buildRequest(this: IExecuteFunctions, itemIndex: number) {
		return buildApplyRequest(this, itemIndex);
	},
	perform,
	simplify: (response) => pickFields(response, SIMPLIFIED_RESULT_FIELDS),
	binaryFields: [{ field: 'HeadImageBase64', propertyParameter: 'headImageBinaryProperty', defaultProperty: 'headImage', fileName: 'head' }],
};
