import { z } from 'zod';

import type { TencentSite } from '../endpoint';
import type { ActionOutcomeTable } from './verdicts';

/** Tencent's `Encryption` request parameter (sensitive-data encryption). */
export interface Encryption {
	EncryptList: string[];
	CiphertextBlob: string;
	Iv: string;
	Algorithm?: 'AES-256-CBC' | 'SM4-GCM';
	TagList?: string[];
}

export const EncryptionSchema = z
	.object({
		EncryptList: z.array(z.string()).nullish(),
		CiphertextBlob: z.string().nullish(),
		Iv: z.string().nullish(),
		Algorithm: z.string().nullish(),
		TagList: z.array(z.string()).nullish(),
	})
	.passthrough();

/** Fields every successful `Response` carries. Unknown fields pass through: nothing is dropped. */
export const BaseResponseSchema = z.object({ RequestId: z.string() }).passthrough();

export interface BaseResponse {
	RequestId: string;
	[field: string]: unknown;
}

/**
 * One API action, everything the package knows of it: where it lives (service, version, sites),
 * how its answer is checked, what its codes mean, how fast and how big it may be called, and what
 * Tencent encrypts. Every list in the package (the credential's service scope, the verdict tables,
 * the rate limits, the sandbox's encryption rules) is read from these definitions.
 */
export interface ActionDefinition<Req, Res extends BaseResponse> {
	name: string;
	service: 'faceid' | 'ocr';
	version: string;
	/** The Tencent Cloud sites whose API offers the action. */
	sites: readonly TencentSite[];
	responseSchema: z.ZodType<Res, z.ZodTypeDef, unknown>;
	/** Tencent's documented limit, in requests per second per account. */
	rateLimit: number;
	/** What its `Result` and `FailedOperation.*` codes mean; absent when the verdict is not a Result code. */
	outcomes?: ActionOutcomeTable;
	/** Sensitive-data encryption the action accepts (the `Encryption` parameter); absent: none. */
	encryption?: ActionEncryption;
	/** Tencent's size limit per image field of the request, measured on the base64 text. */
	imageLimits?: Readonly<Record<string, number>>;
	/**
	 * For the actions of an asynchronous check: which check they belong to (the kind its registry
	 * entries carry, e.g. the document check's API generation) and their step in it.
	 */
	pendingCheck?: { kind: string; step: 'start' | 'result' };
	/**
	 * The action the credential test sends with no parameters: Tencent checks the signature first,
	 * so a good key gets MissingParameter (never billed) and a bad one an AuthFailure code.
	 */
	credentialProbe?: boolean;
	/** Phantom field so the request type travels with the definition. */
	readonly request?: Req;
}

/** What Tencent's page says an action encrypts. */
export interface ActionEncryption {
	/** Request fields sent encrypted, e.g. Name and IdCard. */
	requestFields: readonly string[];
	/** Parameters that also ask for sensitive answer fields encrypted, e.g. `{ IsEncrypt: true }`. */
	answerParams?: Readonly<Record<string, unknown>>;
	/** Answer fields Tencent encrypts when `answerParams` ask for it. */
	answerFields?: readonly string[];
	/** Whether the whole answer can come encrypted (`IsEncryptResponse`, in `EncryptedBody`). */
	wholeAnswer?: boolean;
	/**
	 * Where the key and the field list go: in the `Encryption` object (the usual), or, for the older
	 * actions, as `CiphertextBlob`, `EncryptList` and `Iv` at the top of the request (AES-256-CBC only).
	 */
	placement?: 'encryptionObject' | 'topLevel';
}

export function defineAction<Req, Res extends BaseResponse>(
	definition: Omit<ActionDefinition<Req, Res>, 'request'>,
): ActionDefinition<Req, Res> {
	return definition;
}

export type RequestOf<A> = A extends ActionDefinition<infer Req, BaseResponse> ? Req : never;
export type ResponseOf<A> = A extends ActionDefinition<unknown, infer Res> ? Res : never;
