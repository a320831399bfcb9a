import { z } from 'zod';

import type { Base64Field } from '../requestBody';
import { defineAction } from './common';

/**
 * DetectAuth (faceid 2018-03-01, China site): starts Tencent's hosted face verification (WeChat
 * H5). The flow is the one the console approved for `RuleId`; the customer opens `Url` in WeChat and
 * is sent back to `RedirectUrl` with the BizToken in the query string. The result is read with
 * the flow's result action (pendingVerifications/hostedVerification/flows.ts). Tencent bills the
 * finished verification, not the link.
 */
export interface DetectAuthRequest {
	RuleId: string;
	/** Whether these are required depends on the RuleId's configuration in the console. */
	IdCard?: string;
	Name?: string;
	/** At most 1,024 characters. */
	RedirectUrl?: string;
	/** Passed through to the result, at most 1,024 characters. */
	Extra?: string;
	/** A photo to compare the face with (base64, at most 3 MB, JPG or PNG). */
	ImageBase64?: Base64Field;
}

export const DetectAuthResponseSchema = z
	.object({
		/** WeChat H5 only: absent for the mini-program channel. */
		Url: z.string().nullish(),
		BizToken: z.string().min(1),
		RequestId: z.string(),
	})
	.passthrough();

export type DetectAuthResponse = z.infer<typeof DetectAuthResponseSchema>;

export const DetectAuth = defineAction<DetectAuthRequest, DetectAuthResponse>({
	name: 'DetectAuth',
	service: 'faceid',
	version: '2018-03-01',
	sites: ['china'],
	responseSchema: DetectAuthResponseSchema,
	rateLimit: 100,
	pendingCheck: { kind: 'detectAuth', step: 'start' },
	imageLimits: { ImageBase64: 3 * 1024 * 1024 },
});
