import { z } from 'zod';

import type { Base64Field } from '../requestBody';
import { defineAction } from './common';

/**
 * ApplyWebVerificationBizTokenIntl (faceid 2018-03-01, international site): starts Tencent's hosted
 * web verification. The customer opens `VerificationURL` in any browser, shows a document and their
 * face, and is sent back to `RedirectURL` with `?token=<BizToken>`; the result is read with the
 * flow's result action (pendingVerifications/hostedVerification/flows.ts). Tencent bills the
 * finished verification, not the link.
 */
export interface ApplyWebVerificationBizTokenIntlRequest {
	/** Where the customer's browser goes when they finish: protocol, host and path. */
	RedirectURL: string;
	/** A photo to compare the face with (base64, at most 8 MB); without it, the document's portrait. */
	CompareImageBase64?: Base64Field;
	/** Passed through to the result, at most 1,000 characters. */
	Extra?: string;
	RuleId?: string;
	Config?: WebVerificationConfigIntl;
}

/** `WebVerificationConfigIntl`: how the hosted page behaves. Spelled `IDCardType`, as the API model has it. */
export interface WebVerificationConfigIntl {
	AutoSkipStartPage?: boolean;
	AutoSkip?: boolean;
	/** 1 OCR + liveness + comparison; 2 liveness + comparison (Tencent's default); 3 liveness; 4 OCR. */
	CheckMode?: 1 | 2 | 3 | 4;
	IDCardType?: string;
	DisableCheckOcrWarnings?: boolean;
	/** 1 silent, 2 action, 3 light (default), 4 action + light. */
	SecurityLevel?: 1 | 2 | 3 | 4;
	SkipPrivacyPolicy?: boolean;
	IdCardCutReturn?: boolean;
	ThemeColor?: string;
	Language?: string;
	AutoDowngrade?: 1 | 2;
	ActionList?: string;
	LivenessRetryLimit?: number;
	LivenessTimeout?: number;
	SelectedWarningCodes?: string;
	AllowExpiredDocument?: boolean;
	Version?: 'BASIC' | 'PLUS';
}

export const ApplyWebVerificationBizTokenIntlResponseSchema = z
	.object({
		BizToken: z.string().min(1),
		VerificationURL: z.string().min(1),
		RequestId: z.string(),
	})
	.passthrough();

export type ApplyWebVerificationBizTokenIntlResponse = z.infer<typeof ApplyWebVerificationBizTokenIntlResponseSchema>;

export const ApplyWebVerificationBizTokenIntl = defineAction<ApplyWebVerificationBizTokenIntlRequest, ApplyWebVerificationBizTokenIntlResponse>({
	name: 'ApplyWebVerificationBizTokenIntl',
	service: 'faceid',
	version: '2018-03-01',
	sites: ['international'],
	responseSchema: ApplyWebVerificationBizTokenIntlResponseSchema,
	rateLimit: 20,
	pendingCheck: { kind: 'webVerification', step: 'start' },
	imageLimits: { CompareImageBase64: 8 * 1024 * 1024 },
});
