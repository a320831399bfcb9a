import { z } from 'zod';

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

/** What each action module declares: where it lives and how its answer is checked. */
export interface ActionDefinition<Req, Res extends BaseResponse> {
	name: string;
	service: 'faceid' | 'ocr';
	version: string;
	responseSchema: z.ZodType<Res, z.ZodTypeDef, unknown>;
	/** Sensitive-data encryption the action accepts (the `Encryption` parameter); absent: none. */
	encryption?: ActionEncryption;
	/** Phantom field so the request type travels with the definition. */
	readonly request?: Req;
}

/** What Tencent's page says an action encrypts. */
export interface ActionEncryption {
	/** Request fields sent encrypted, e.g. Name and IdCard. */
	requestFields: readonly string[];
	/** Parameters that also ask for sensitive answer fields encrypted, e.g. `{ IsEncrypt: true }`. */
	answerParams?: Readonly<Record<string, unknown>>;
}

export function defineAction<Req, Res extends BaseResponse>(
	definition: Omit<ActionDefinition<Req, Res>, 'request'>,
): ActionDefinition<Req, Res> {
	return definition;
}

export type RequestOf<A> = A extends ActionDefinition<infer Req, BaseResponse> ? Req : never;
export type ResponseOf<A> = A extends ActionDefinition<unknown, infer Res> ? Res : never;
