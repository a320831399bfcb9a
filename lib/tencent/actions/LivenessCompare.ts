import { z } from 'zod';

import type { Base64Field } from '../requestBody';
import { defineAction } from './common';
import { LIVENESS_FILE_LIMITS, LIVENESS_OUTCOMES, LivenessAnswerSchema, type LivenessType } from './liveness';

/**
 * LivenessCompare (2018-03-01, China site): a video of the customer is checked for a live person,
 * then compared with a photo. Both files go as base64 or as a URL Tencent downloads (the video
 * within 4 seconds).
 */
export interface LivenessCompareRequest {
	LivenessType: LivenessType;
	ImageBase64?: Base64Field;
	ImageUrl?: string;
	VideoBase64?: Base64Field;
	VideoUrl?: string;
	/** LIP: the digits read aloud; ACTION: the order of the actions; SILENT: none. */
	ValidateData?: string;
	/** JSON text: `{"BestFrameNum": 2..10}` asks for several best frames. */
	Optional?: string;
}

export const LivenessCompareResponseSchema = LivenessAnswerSchema.extend({ BestFrameList: z.array(z.string()).nullish() });

export type LivenessCompareResponse = z.infer<typeof LivenessCompareResponseSchema>;

export const LivenessCompare = defineAction<LivenessCompareRequest, LivenessCompareResponse>({
	name: 'LivenessCompare',
	service: 'faceid',
	version: '2018-03-01',
	sites: ['china'],
	responseSchema: LivenessCompareResponseSchema,
	rateLimit: 100,
	outcomes: LIVENESS_OUTCOMES,
	imageLimits: LIVENESS_FILE_LIMITS,
});
