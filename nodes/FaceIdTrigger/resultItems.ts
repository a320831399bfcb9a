/** The items the FaceID Trigger emits: one per finished verification, shaped as the FaceID node shapes a result. */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { outcomeOfCardVerification } from '../../lib/tencent/pendingVerifications/cardVerification';
import { isReservationKey } from '../../lib/tencent/pendingVerifications/keys';
import type { EmittedResult } from '../../lib/tencent/pendingVerifications/poller';
import { cardVerificationFields, headImageBinaryFields } from '../shared/cardVerificationFields';
import { protectOutput, type PrivacySettings } from '../shared/privacy';
import { emittedDetails, moveFieldsToBinary } from '../shared/responseFields';

/** A portrait as base64 in the JSON is unreadable in the editor: it becomes a file. */
const HEAD_IMAGE = headImageBinaryFields();

export /** What "Fetch Test Event" shows: a passed Hong Kong ID card, fictional data. */
function sampleResult(): EmittedResult {
	const now = Date.now();
	const response = {
		Status: 'PASSED',
		WarnInfo: [],
		Nationality: 'HKG',
		CardType: 'ID_CARD',
		CardInfo: { HKIDCard: { CnName: '陳大文', EnName: 'CHAN, Tai Man', Sex: 'M', Birthday: '01-01-1990', IdNum: 'A123456(3)' } },
		RequestId: '00000000-0000-0000-0000-000000000000',
	};
	return {
		record: {
			key: 'sample-card-verification-token',
			state: 'emitting',
			generation: 'faceid',
			region: 'ap-hongkong',
			reference: 'CRM-0001',
			registeredAt: now - 10_000,
			pollIntervalMs: 5000,
			maxPolls: 10,
			polls: 2,
			nextPollAt: now,
			emitCount: 1,
			finishedAt: now,
		},
		result: { outcome: outcomeOfCardVerification(response), response, polls: 2 },
	};
}

/** One emitted result as an item: Tencent's answer, the Reference, `verification` and `outcome`. */
export async function resultItem(context: IPollFunctions, emitted: EmittedResult, privacy: PrivacySettings): Promise<INodeExecutionData> {
	const { record, result } = emitted;
	const response: IDataObject = { ...(result.response as IDataObject | undefined) };
	if (result.error) response.Error = { Code: result.error.code, Message: result.error.message };
	const binary = await moveFieldsToBinary(context, 0, response, HEAD_IMAGE);
	const fields = cardVerificationFields(response, {
		token: isReservationKey(record.key) ? null : record.key,
		generation: record.generation as 'faceid' | 'ocr',
		...emittedDetails(emitted, 'FaceID Trigger'),
	});
	const item: INodeExecutionData = { json: protectOutput({ ...fields, outcome: { ...result.outcome } as unknown as IDataObject }, privacy) };
	if (binary) item.binary = binary;
	return item;
}
