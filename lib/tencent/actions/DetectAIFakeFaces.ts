import { z } from 'zod';

import { MEGABYTE } from '../images';
import type { Base64Field } from '../requestBody';
import { defineAction } from './common';
import { failedOperationErrors, failedOperations, rule, type OutcomeRule } from './verdicts';

/**
 * DetectAIFakeFaces (2018-03-01): a face photo or video checked for AI attacks — face swaps and
 * other synthesised faces, recaptures of a screen or a print, adversarial and batch-template
 * attacks, watermarks. Its verdict is `AttackRiskLevel`, not a `Result` code.
 */
export interface DetectAIFakeFacesRequest {
	/** The photo or the video, base64. */
	FaceInput: Base64Field;
	/** 1: a photo; 2: a video. */
	FaceInputType: 1 | 2;
}

/** "最大不可超过10M" for both photos and videos (Tencent advises under 3 MB and 8 MB). */
export const AI_FAKE_FACES_INPUT_LIMIT = 10 * MEGABYTE;

export const DetectAIFakeFacesResponseSchema = z
	.object({
		AttackRiskLevel: z.string(),
		AttackRiskDetailList: z.array(z.object({ Type: z.string().nullish() }).passthrough()).nullish(),
		ExtraInfo: z.unknown().optional(),
		RequestId: z.string(),
	})
	.passthrough();

export type DetectAIFakeFacesResponse = z.infer<typeof DetectAIFakeFacesResponseSchema>;

/** `AttackRiskDetailList[].Type`: the traces Tencent saw. */
export const ATTACK_TRACES: Readonly<Record<string, string>> = {
	SuspectedSpoofingAttack: 'a recapture of a screen or a print',
	SuspectedSynthesisImage: 'a synthesised image',
	SuspectedSynthesisVideo: 'a synthesised video',
	SuspectedAnomalyAttack: 'facial features that may not be a real person',
	// The Chinese SDK text spells it with an extra "e".
	SuspectedeAnomalyAttack: 'facial features that may not be a real person',
	SuspectedAdversarialAttack: 'an adversarial sample',
	SuspectedBlackIndustry: 'a batch template attack',
	SuspectedWatermark: 'a watermark',
};

/** A risky answer's description lists the traces Tencent saw. */
function withTraces(found: OutcomeRule, answer: Readonly<Record<string, unknown>>): OutcomeRule {
	const list = Array.isArray(answer.AttackRiskDetailList) ? (answer.AttackRiskDetailList as Array<{ Type?: unknown }>) : [];
	const traces = [...new Set(list.map((detail) => (typeof detail?.Type === 'string' ? (ATTACK_TRACES[detail.Type] ?? detail.Type) : undefined)).filter(Boolean))];
	return found.status !== 'passed' && traces.length > 0 ? { ...found, description: `${found.description}: ${traces.join(', ')}` } : found;
}

export const DetectAIFakeFaces = defineAction<DetectAIFakeFacesRequest, DetectAIFakeFacesResponse>({
	name: 'DetectAIFakeFaces',
	service: 'faceid',
	version: '2018-03-01',
	sites: ['china', 'international'],
	responseSchema: DetectAIFakeFacesResponseSchema,
	// Not documented: 20/s, the lowest limit of FaceID's face actions, so pacing cannot outrun it.
	rateLimit: 20,
	outcomes: {
		verdictField: 'AttackRiskLevel',
		// Every risk level is a delivered verdict: billed (conservative).
		results: {
			Low: rule('passed', true, false, 'No sign of an attack'),
			Mid: rule('review', true, false, 'Possibly an attack'),
			High: rule('failed', true, false, 'Very likely an attack'),
		},
		refine: withTraces,
		failedOperations: failedOperations(
			'CoveredFace',
			'DetectEngineSystemError',
			'ImageDecodeFailed',
			'IncompleteFace',
			'PoorImageQuality',
			'UnKnown',
			'VideoDecodeFailed',
			'VideoDurationExceeded',
		),
		errors: failedOperationErrors(),
		similarity: false,
	},
	imageLimits: { FaceInput: AI_FAKE_FACES_INPUT_LIMIT },
});
