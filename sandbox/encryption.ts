/**
 * Tencent's side of sensitive-data encryption, for the sandbox. Started with a test RSA key pair
 * (`encryptionPrivateKeyPem`), the sandbox unwraps the request's AES key, decrypts the listed fields
 * before the action handler runs, and encrypts sensitive answer fields with the same key when the
 * request asks for it. Without a key pair, any `Encryption` gets FailedOperation.DecryptSystemError.
 */
import { constants, createPrivateKey, privateDecrypt, randomBytes, type KeyObject } from 'crypto';

import type { ActionEncryption } from '../lib/tencent/actions/common';
import { ACTIONS } from '../lib/tencent/catalogue';
import { aes256CbcDecrypt, aes256CbcEncrypt, decodeIv, ENCRYPTED_BODY_ENTRY } from '../lib/tencent/encryption';
import { SandboxApiError } from './errors';

export interface EncryptionRule {
	/** Request fields that may be listed in EncryptList (Tencent's pages: name and ID number). */
	requestFields: readonly string[];
	/** Answer fields encrypted when the request sets IsEncrypt; none means the action never does. */
	responseFields?: readonly string[];
	/** Whether IsEncryptResponse (the whole answer in EncryptedBody) is documented for the action. */
	bodyEncryption?: boolean;
	/** The older actions take CiphertextBlob, EncryptList and Iv at the top of the request, not in Encryption. */
	topLevel?: boolean;
}

/**
 * Which actions accept `Encryption`, and what they encrypt: read from the action definitions
 * (their `encryption`, from Tencent's API pages). An action whose answer holds nothing sensitive
 * (only a Result and a Description) lists no answer fields, and its answer is never encrypted.
 */
export const ENCRYPTION_RULES: Readonly<Record<string, EncryptionRule>> = Object.fromEntries(
	ACTIONS.flatMap(({ name, encryption }) => (encryption ? [[name, encryptionRule(encryption)]] : [])),
);

function encryptionRule({ requestFields, answerFields, wholeAnswer, placement }: ActionEncryption): EncryptionRule {
	return {
		requestFields,
		...(answerFields ? { responseFields: answerFields } : {}),
		...(wholeAnswer ? { bodyEncryption: wholeAnswer } : {}),
		...(placement === 'topLevel' ? { topLevel: true } : {}),
	};
}

/** The request's encryption fields: its `Encryption` object, or the same fields at its top for the older actions. */
function encryptionOf(rule: EncryptionRule | undefined, params: Record<string, unknown>): unknown {
	if (!rule?.topLevel) return params.Encryption;
	if (params.CiphertextBlob === undefined && params.EncryptList === undefined && params.Iv === undefined) return undefined;
	return { CiphertextBlob: params.CiphertextBlob, EncryptList: params.EncryptList, Iv: params.Iv };
}

/** What the server keeps between the handler's call and its answer: the request's AES key. */
export interface OpenedRequest {
	params: Record<string, unknown>;
	/** Present when the request carried Encryption. */
	sessionKey?: Buffer;
	/** Fields that arrived encrypted (for the request log). */
	encryptedFields: string[];
}

const decryptError = (detail: string): SandboxApiError =>
	new SandboxApiError('FailedOperation.DecryptSystemError', `Decryption failed: ${detail}.`);

export function loadPrivateKey(pem: string | undefined): KeyObject | undefined {
	return pem ? createPrivateKey(pem) : undefined;
}

/**
 * Decrypts a request's Encryption-protected fields: the handler gets them in plain text, without
 * Encryption, IsEncrypt and IsEncryptResponse (sealResponse answers those).
 */
export function openRequest(action: string, params: Record<string, unknown>, privateKey: KeyObject | undefined): OpenedRequest {
	const rule = ENCRYPTION_RULES[action];
	if (rule?.topLevel && params.Encryption !== undefined) {
		throw new SandboxApiError('UnknownParameter', `The parameter \`Encryption\` is not recognized by ${action}: it takes CiphertextBlob, EncryptList and Iv.`);
	}
	const encryption = encryptionOf(rule, params);
	if (encryption === undefined || encryption === null) {
		if (asksForEncryptedAnswer(rule, params)) {
			throw new SandboxApiError('MissingParameter', 'The request is missing a required parameter `Encryption`.');
		}
		return { params, encryptedFields: [] };
	}
	if (!rule) throw new SandboxApiError('UnknownParameter', `The parameter \`Encryption\` is not recognized by ${action}.`);
	if (!privateKey) {
		throw decryptError('the sandbox was started without an encryption key pair (option encryptionPrivateKeyPem)');
	}
	if (typeof encryption !== 'object' || Array.isArray(encryption)) {
		throw new SandboxApiError('InvalidParameterValue', 'The value of parameter `Encryption` is invalid: expected an object.');
	}
	const { EncryptList, CiphertextBlob, Iv, Algorithm } = encryption as Record<string, unknown>;
	if (Algorithm !== undefined && Algorithm !== null && Algorithm !== 'AES-256-CBC') {
		throw decryptError(`the sandbox supports AES-256-CBC only, not ${String(Algorithm)}`);
	}
	const list = EncryptList ?? [];
	if (!Array.isArray(list) || list.some((field) => typeof field !== 'string')) {
		throw new SandboxApiError('InvalidParameterValue', 'The value of parameter `Encryption.EncryptList` is invalid: expected a list of field names.');
	}
	const unsupported = list.find((field) => !rule.requestFields.includes(field as string));
	if (unsupported !== undefined) {
		throw new SandboxApiError('InvalidParameter.UnsupportEncryptField', `The field \`${unsupported}\` cannot be encrypted for ${action}.`);
	}

	const sessionKey = unwrapKey(CiphertextBlob, privateKey);
	// The handler gets a plain request: encryption, both ways, is the server's business.
	const decrypted: Record<string, unknown> = { ...params };
	delete decrypted.Encryption;
	if (rule.topLevel) for (const field of ['CiphertextBlob', 'EncryptList', 'Iv']) delete decrypted[field];
	delete decrypted.IsEncrypt;
	delete decrypted.IsEncryptResponse;
	if (list.length > 0) {
		let iv: Buffer;
		try {
			iv = decodeIv(Iv);
		} catch {
			throw decryptError('Encryption.Iv is not a 16-byte IV');
		}
		for (const field of list as string[]) {
			const value = decrypted[field];
			if (typeof value !== 'string') throw decryptError(`the listed field \`${field}\` is missing`);
			try {
				decrypted[field] = aes256CbcDecrypt(sessionKey, iv, value);
			} catch {
				throw decryptError(`the field \`${field}\` does not decrypt with the request's key`);
			}
		}
	}
	return { params: decrypted, sessionKey, encryptedFields: list as string[] };
}

function asksForEncryptedAnswer(rule: EncryptionRule | undefined, params: Record<string, unknown>): boolean {
	return (
		(params.IsEncrypt === true && Boolean(rule?.responseFields?.length)) ||
		(params.IsEncryptResponse === true && Boolean(rule?.bodyEncryption))
	);
}

function unwrapKey(ciphertextBlob: unknown, privateKey: KeyObject): Buffer {
	if (typeof ciphertextBlob !== 'string' || !ciphertextBlob) throw decryptError('Encryption.CiphertextBlob is missing');
	let key: Buffer;
	try {
		key = privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(ciphertextBlob, 'base64'));
	} catch {
		throw decryptError('CiphertextBlob does not unwrap with the sandbox key');
	}
	// OpenSSL's implicit rejection turns a wrong blob into random bytes rather than an error: check the size.
	if (key.length !== 32) throw decryptError('CiphertextBlob does not hold a 32-byte AES-256 key');
	return key;
}

/**
 * Encrypts the answer as the request asked: IsEncrypt → the action's sensitive fields, listed as
 * `Response.<field>` in Encryption.EncryptList; IsEncryptResponse → the whole answer in EncryptedBody.
 * A fresh IV each time, the request's key.
 */
export function sealResponse(
	action: string,
	request: Record<string, unknown>,
	fields: Record<string, unknown>,
	sessionKey: Buffer | undefined,
): Record<string, unknown> {
	const rule = ENCRYPTION_RULES[action];
	const wantsBody = request.IsEncryptResponse === true && Boolean(rule?.bodyEncryption);
	// openRequest has refused a request that asks for this without Encryption.
	if (!asksForEncryptedAnswer(rule, request) || !sessionKey) return fields;
	const iv = randomBytes(16);
	const encryption = { Algorithm: 'AES-256-CBC', Iv: iv.toString('base64'), TagList: [] as string[] };

	if (wantsBody) {
		const body = aes256CbcEncrypt(sessionKey, iv, JSON.stringify(fields));
		return { Encryption: { ...encryption, EncryptList: [ENCRYPTED_BODY_ENTRY] }, EncryptedBody: body };
	}
	const sealed = { ...fields };
	const encryptList: string[] = [];
	for (const field of rule?.responseFields ?? []) {
		const value = sealed[field];
		if (typeof value !== 'string' || value === '') continue;
		sealed[field] = aes256CbcEncrypt(sessionKey, iv, value);
		encryptList.push(`Response.${field}`);
	}
	return { ...sealed, Encryption: { ...encryption, EncryptList: encryptList } };
}
