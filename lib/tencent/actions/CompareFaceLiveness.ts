import type { z } from 'zod';

import type { Base64Field } from '../requestBody';
import { defineAction } from './common';
import { LIVENESS_FILE_LIMITS, LIVENESS_OUTCOMES, LivenessAnswerSchema } from './liveness';

/**
 * CompareFaceLiveness (2018-03-01, international site): a video of the customer checked for a live
 * person, then compared with a photo. Both files go as base64 only.
 */
export interface CompareFaceLivenessRequest {
	ImageBase64: Base64Field;
	VideoBase64: Base64Field;
	LivenessType: 'ACTION' | 'SILENT';
	/** ACTION: one or two of 1 (open mouth), 2 (blink), 3 (nod), 4 (shake head), e.g. "4,2". */
	ValidateData?: string;
}

export const CompareFaceLivenessResponseSchema = LivenessAnswerSchema;

export type CompareFaceLivenessResponse = z.infer<typeof CompareFaceLivenessResponseSchema>;

export const CompareFaceLiveness = defineAction<CompareFaceLivenessRequest, CompareFaceLivenessResponse>({
	name: 'CompareFaceLiveness',
	service: 'faceid',
	version: '2018-03-01',
	sites: ['international'],
	responseSchema: CompareFaceLivenessResponseSchema,
	rateLimit: 20,
	outcomes: LIVENESS_OUTCOMES,
	imageLimits: LIVENESS_FILE_LIMITS,
});
