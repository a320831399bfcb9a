/**
 * Tencent FaceID's sensitive-data encryption (the `Encryption` request parameter): listed fields
 * are encrypted with a fresh symmetric key and IV per request, the key is wrapped with Tencent's
 * public key, and fields Tencent encrypts in its answer are decrypted with the same key.
 * No n8n import. Only AES-256-CBC with an RSA key wrap is offered: see `SM4_GCM_UNAVAILABLE`.
 */
import { constants, createCipheriv, createDecipheriv, createPublicKey, getCiphers, publicEncrypt, randomBytes } from 'crypto';
import type { KeyObject } from 'crypto';

import type { CallOptions, TencentCloudClient } from './client';
import type { ActionDefinition, BaseResponse, Encryption } from './actions/common';
import { cloneRequestParams } from './requestBody';

export type EncryptionAlgorithm = 'AES-256-CBC';

export const DEFAULT_ENCRYPTION_ALGORITHM: EncryptionAlgorithm = 'AES-256-CBC';

/**
 * Tencent's RSA public key for AES-256-CBC, as published in its faceid-api-crypto libraries
 * (the default key of faceid-api-crypto-golang, base64-encoded there; PKCS#1, 1024 bits).
 */
export const TENCENT_RSA_PUBLIC_KEY_PEM = [
	'-----BEGIN RSA PUBLIC KEY-----',
	'MIGJAoGBAMRJoaUkZN1d5Mp8F5V6itXmSLNM5Z771afayoI49SndkFtsspHS402Z',
	'EUUPQfqbuZk/VuSh59LtA/fBKzb4BP5bV8aqogVhG4e/q+NDkwlaq0i31HwLyBla',
	'EojE/EEHpXBsuEkVTbKEy5elRq9toL7IZ80i+H2mtfU5CPsar+R3AgMBAAE=',
	'-----END RSA PUBLIC KEY-----',
	'',
].join('\n');

/**
 * Why SM4-GCM is not offered. Tencent's SM4-GCM wraps the key with SM2 public-key encryption,
 * which Node's crypto does not expose (no SM2 encrypt in publicEncrypt), and Node 24's OpenSSL
 * build lists no `sm4-gcm` cipher either.
 */
export const SM4_GCM_MISSING_REASON =
	"Node.js's crypto module has no sm4-gcm cipher and no SM2 encryption for the key wrap";

export const SM4_GCM_UNAVAILABLE = `SM4-GCM is not available: ${SM4_GCM_MISSING_REASON}. Use AES-256-CBC.`;

/** Whether this Node.js offers the SM4-GCM cipher at all (the SM2 key wrap is missing regardless). */
export function nodeOffersSm4Gcm(): boolean {
	return getCiphers().includes('sm4-gcm');
}

const AES_KEY_BYTES = 32;
const AES_IV_BYTES = 16;

/** A failure to encrypt a request or decrypt an answer. Never carries a value, a key or an IV. */
export class FieldEncryptionError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'FieldEncryptionError';
	}
}

/**
 * The symmetric key of one request, kept to decrypt its answer. The key is in a private field:
 * it does not serialise (JSON, util.inspect, structuredClone) and so cannot reach an item or a log.
 */
export class EncryptionSession {
	readonly #key: Buffer;

	constructor(
		readonly algorithm: EncryptionAlgorithm,
		key: Buffer,
	) {
		if (key.length !== AES_KEY_BYTES) throw new FieldEncryptionError(`${algorithm} needs a ${AES_KEY_BYTES}-byte key`);
		this.#key = Buffer.from(key);
	}

	static generate(algorithm: EncryptionAlgorithm = DEFAULT_ENCRYPTION_ALGORITHM): EncryptionSession {
		return new EncryptionSession(algorithm, randomBytes(AES_KEY_BYTES));
	}

	/** UTF-8 text → base64 ciphertext (PKCS#7 padding). */
	encrypt(plaintext: string, iv: Buffer): string {
		return aes256CbcEncrypt(this.#key, iv, plaintext);
	}

	/** base64 ciphertext → UTF-8 text; throws FieldEncryptionError on a wrong key, IV or padding. */
	decrypt(ciphertextBase64: string, iv: Buffer): string {
		return aes256CbcDecrypt(this.#key, iv, ciphertextBase64);
	}

	/** The key wrapped with RSA PKCS#1 v1.5 under `publicKey`, base64: Encryption.CiphertextBlob. */
	wrapKey(publicKey: KeyObject): string {
		return publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, this.#key).toString('base64');
	}

	toJSON(): { algorithm: EncryptionAlgorithm } {
		return { algorithm: this.algorithm };
	}
}

export function aes256CbcEncrypt(key: Buffer, iv: Buffer, plaintext: string): string {
	const cipher = createCipheriv('aes-256-cbc', key, iv);
	return Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

export function aes256CbcDecrypt(key: Buffer, iv: Buffer, ciphertextBase64: string): string {
	const ciphertext = Buffer.from(ciphertextBase64, 'base64');
	if (ciphertext.length === 0 || ciphertext.length % AES_IV_BYTES !== 0) {
		throw new FieldEncryptionError('the ciphertext is not whole AES blocks of base64');
	}
	try {
		const decipher = createDecipheriv('aes-256-cbc', key, iv);
		return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
	} catch {
		// OpenSSL's message says nothing useful and the bytes must not be shown.
		throw new FieldEncryptionError('the ciphertext does not decrypt with this request\'s key (bad padding)');
	}
}

/**
 * Reads an RSA public key as users paste it: PEM (PKCS#1 or SPKI, line breaks lost or not), or the
 * base64-encoded PEM Tencent's console and libraries hand out. Errors never repeat the input.
 */
export function parseRsaPublicKey(text: string): KeyObject {
	let pem = text.trim();
	if (!pem.includes('-----BEGIN')) {
		const decoded = Buffer.from(pem.replace(/\s+/g, ''), 'base64').toString('utf8');
		if (decoded.includes('-----BEGIN')) pem = decoded.trim();
	}
	let key: KeyObject;
	try {
		if (pem.includes('-----BEGIN')) {
			key = createPublicKey(normalisePem(pem));
		} else {
			key = fromDer(Buffer.from(pem.replace(/\s+/g, ''), 'base64'));
		}
	} catch {
		throw new FieldEncryptionError(
			'The encryption public key is not a readable RSA public key (PEM "BEGIN RSA PUBLIC KEY" or "BEGIN PUBLIC KEY")',
		);
	}
	if (key.asymmetricKeyType !== 'rsa') {
		throw new FieldEncryptionError(
			`The encryption public key is an ${key.asymmetricKeyType ?? 'unknown'} key, not RSA; AES-256-CBC needs Tencent's RSA public key`,
		);
	}
	return key;
}

/** A bare base64 key body: SPKI (`BEGIN PUBLIC KEY`) or PKCS#1 (`BEGIN RSA PUBLIC KEY`). */
function fromDer(der: Buffer): KeyObject {
	try {
		return createPublicKey({ key: der, format: 'der', type: 'spki' });
	} catch {
		return createPublicKey({ key: der, format: 'der', type: 'pkcs1' });
	}
}

/** Rewraps a PEM whose line breaks were turned into spaces (a one-line credential field does that). */
function normalisePem(pem: string): string {
	const match = /-----BEGIN ([A-Z ]+)-----([\s\S]*?)-----END \1-----/.exec(pem);
	if (!match) return pem;
	const body = match[2].replace(/\s+/g, '');
	const lines = body.match(/.{1,64}/g) ?? [];
	return [`-----BEGIN ${match[1]}-----`, ...lines, `-----END ${match[1]}-----`, ''].join('\n');
}

export interface EncryptFieldsOptions {
	algorithm?: EncryptionAlgorithm | 'SM4-GCM';
	/** Default: Tencent's published key. */
	publicKeyPem?: string;
	/** Request fields to add after encrypting, e.g. `{ IsEncrypt: true }` to ask for an encrypted answer. */
	extraParams?: Record<string, unknown>;
	/** `topLevel`: the older actions' `CiphertextBlob`, `EncryptList` and `Iv` beside the fields, no `Algorithm`. */
	placement?: 'encryptionObject' | 'topLevel';
}

export interface EncryptedRequest<P> {
	/** The request to send: listed fields replaced by base64 ciphertext, plus `Encryption` (or its fields, at the top). */
	params: P & { Encryption?: Encryption; CiphertextBlob?: string; EncryptList?: string[]; Iv?: string };
	encryption: Encryption;
	/** Keeps the key (not serialisable) to decrypt this request's answer. */
	session: EncryptionSession;
}

/**
 * Encrypts the listed fields (dotted paths) of a request. Fields that are absent or null are
 * skipped (an ID card sent as a photo has no Name); any other non-string is an error.
 * The `Encryption` object is sent even with no field to encrypt: it also carries the key Tencent
 * uses to encrypt its answer.
 */
export function encryptFields<P extends object>(
	params: P,
	fields: readonly string[],
	options: EncryptFieldsOptions = {},
): EncryptedRequest<P> {
	const algorithm = options.algorithm ?? DEFAULT_ENCRYPTION_ALGORITHM;
	if (algorithm === 'SM4-GCM') throw new FieldEncryptionError(SM4_GCM_UNAVAILABLE);
	if (algorithm !== 'AES-256-CBC') throw new FieldEncryptionError(`Unknown encryption algorithm "${String(algorithm)}"`);
	const topLevel = options.placement === 'topLevel';
	const carrier = topLevel ? 'CiphertextBlob' : 'Encryption';
	if (carrier in params && (params as Record<string, unknown>)[carrier] !== undefined) {
		throw new FieldEncryptionError(`The request already has ${topLevel ? 'a CiphertextBlob' : 'an Encryption'} parameter`);
	}

	const publicKey = parseRsaPublicKey(options.publicKeyPem?.trim() || TENCENT_RSA_PUBLIC_KEY_PEM);
	const session = EncryptionSession.generate(algorithm);
	const iv = randomBytes(AES_IV_BYTES);
	// Images (Base64Bytes) are shared, not copied: only text fields are encrypted.
	const encrypted = cloneRequestParams(params) as Record<string, unknown>;
	const encryptList: string[] = [];

	for (const field of fields) {
		const value = getPath(encrypted, field);
		if (value === undefined || value === null) continue;
		if (typeof value !== 'string') {
			throw new FieldEncryptionError(`Field ${field} must be text to be encrypted, not ${typeof value}`);
		}
		setPath(encrypted, field, session.encrypt(value, iv));
		encryptList.push(field);
	}

	const encryption: Encryption = {
		EncryptList: encryptList,
		CiphertextBlob: session.wrapKey(publicKey),
		Iv: iv.toString('base64'),
		Algorithm: algorithm,
	};
	if (topLevel) {
		const { Algorithm: _implied, ...fieldsAtTop } = encryption;
		Object.assign(encrypted, options.extraParams, fieldsAtTop);
	} else {
		Object.assign(encrypted, options.extraParams, { Encryption: encryption });
	}
	return { params: encrypted as EncryptedRequest<P>['params'], encryption, session };
}

/** The `EncryptList` entry Tencent uses for a whole encrypted body (`EncryptedBody`). */
export const ENCRYPTED_BODY_ENTRY = 'EncryptionBody';

/**
 * Decrypts an answer's `Response` object with the request's session: `EncryptedBody` (a whole
 * encrypted body, merged in and removed) and the `Response.*` paths of `Encryption.EncryptList`.
 * Returns a new object; `Encryption` itself is kept as Tencent sent it. An answer with nothing
 * encrypted is returned unchanged.
 */
export function decryptResponse<R extends Record<string, unknown>>(response: R, session: EncryptionSession): R {
	const encryption = response.Encryption as Partial<Encryption> | null | undefined;
	const encryptedBody = response.EncryptedBody;
	const paths = (Array.isArray(encryption?.EncryptList) ? encryption.EncryptList : []).filter(
		(path): path is string => typeof path === 'string' && path !== ENCRYPTED_BODY_ENTRY,
	);
	const hasBody = typeof encryptedBody === 'string' && encryptedBody !== '';
	if (!hasBody && paths.length === 0) return response;

	if (encryption?.Algorithm && encryption.Algorithm !== session.algorithm) {
		throw new FieldEncryptionError(
			`The answer is encrypted with ${String(encryption.Algorithm)}, but the request used ${session.algorithm}`,
		);
	}
	const iv = decodeIv(encryption?.Iv);
	let result: Record<string, unknown> = structuredClone(response);

	if (hasBody) {
		const body = parseDecryptedBody(session.decrypt(encryptedBody, iv));
		const { EncryptedBody: _removed, ...rest } = result;
		result = { ...rest, ...body, RequestId: rest.RequestId ?? body.RequestId };
	}

	for (const path of paths) {
		const local = path.startsWith('Response.') ? path.slice('Response.'.length) : path;
		segments(local, path);
		const value = getPath(result, local);
		if (value === undefined || value === null || value === '') continue;
		if (typeof value !== 'string') throw new FieldEncryptionError(`Encrypted field ${path} is not text`);
		try {
			setPath(result, local, session.decrypt(value, iv));
		} catch (error) {
			throw new FieldEncryptionError(`Could not decrypt ${path}: ${(error as Error).message}`);
		}
	}
	return result as R;
}

export interface EncryptionSettings {
	algorithm: EncryptionAlgorithm | 'SM4-GCM';
	/** Default (empty): Tencent's published key. */
	publicKeyPem?: string;
}

/**
 * The request as sent with sensitive-data encryption: the fields the action's definition lists
 * encrypted, and the answer asked for encrypted where the action documents it. The session
 * decrypts this request's answer (`decryptAnswer`).
 */
export function encryptRequest<Req>(action: ActionDefinition<Req, BaseResponse>, params: Req, settings: EncryptionSettings): EncryptedRequest<Req & object> {
	const spec = action.encryption;
	if (!spec) throw new FieldEncryptionError(`${action.name} does not accept sensitive-data encryption`);
	return encryptFields(params as Req & object, spec.requestFields, {
		algorithm: settings.algorithm,
		publicKeyPem: settings.publicKeyPem,
		extraParams: spec.answerParams,
		placement: spec.placement,
	});
}

/** The answer to an encrypted request, decrypted; a failure says the call may have been billed. */
export function decryptAnswer<Res extends BaseResponse>(response: Res, session: EncryptionSession): Res {
	try {
		return decryptResponse(response, session);
	} catch (error) {
		throw new FieldEncryptionError(
			`Tencent answered (RequestId ${response.RequestId}) but the answer could not be decrypted: ${(error as Error).message}. The call may have been billed: check before repeating it.`,
		);
	}
}

/** One call with sensitive-data encryption both ways: `encryptRequest`, the call, `decryptAnswer`. */
export async function callEncrypted<Req, Res extends BaseResponse>(
	client: Pick<TencentCloudClient, 'call'>,
	action: ActionDefinition<Req, Res>,
	params: Req,
	settings: EncryptionSettings,
	options?: CallOptions,
): Promise<Res> {
	const request = encryptRequest(action, params, settings);
	const response = await client.call(action, request.params as Req, options);
	return decryptAnswer(response, request.session);
}

/** Tencent's libraries send the IV as base64; the API page calls it "a 16-character string": both are read. */
export function decodeIv(iv: unknown): Buffer {
	if (typeof iv !== 'string') throw new FieldEncryptionError('Encryption has no Iv');
	let bytes = Buffer.from(iv, 'base64');
	if (bytes.length !== AES_IV_BYTES && Buffer.byteLength(iv, 'utf8') === AES_IV_BYTES) bytes = Buffer.from(iv, 'utf8');
	if (bytes.length !== AES_IV_BYTES) {
		throw new FieldEncryptionError(`Encryption.Iv is not ${AES_IV_BYTES} bytes (base64)`);
	}
	return bytes;
}

function parseDecryptedBody(text: string): Record<string, unknown> {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw new FieldEncryptionError('EncryptedBody decrypts to text that is not JSON');
	}
	// Tencent's examples decrypt to the Response object itself; accept a wrapped one too.
	const inner = (parsed as { Response?: unknown } | null)?.Response ?? parsed;
	if (!inner || typeof inner !== 'object' || Array.isArray(inner)) {
		throw new FieldEncryptionError('EncryptedBody decrypts to JSON that is not an object');
	}
	return inner as Record<string, unknown>;
}

/** Segments a hostile answer could use to reach Object.prototype. */
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

/** `shownAs`: the path as the answer spelled it, for the message. */
function segments(path: string, shownAs = path): string[] {
	const parts = path.split('.');
	if (parts.some((part) => part === '' || FORBIDDEN_SEGMENTS.has(part))) {
		throw new FieldEncryptionError(`"${shownAs}" is not a usable field path`);
	}
	return parts;
}

function getPath(target: Record<string, unknown>, path: string): unknown {
	let current: unknown = target;
	for (const part of segments(path)) {
		if (current === null || typeof current !== 'object' || !Object.prototype.hasOwnProperty.call(current, part)) {
			return undefined;
		}
		current = (current as Record<string, unknown>)[part];
	}
	return current;
}

/** Sets an existing path only (callers read it first). */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
	const parts = segments(path);
	let current = target;
	for (const part of parts.slice(0, -1)) current = current[part] as Record<string, unknown>;
	current[parts[parts.length - 1]] = value;
}
