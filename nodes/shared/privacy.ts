/**
 * Personal data and secrets in the node: the "Encrypt Sensitive Fields" and "Mask Personal Data in
 * Output" options, the encrypted call, and the scrubbing every error goes through before n8n shows,
 * stores or logs it. The router calls these; the decisions live in lib/tencent (encryption, redact).
 */
import { NodeOperationError, type ICredentialDataDecryptedObject, type IDataObject, type IExecuteFunctions, type INodeProperties, type IPollFunctions, type IWebhookFunctions } from 'n8n-workflow';

import {
	decryptAnswer,
	encryptRequest,
	FieldEncryptionError,
	type EncryptionSession,
	parseRsaPublicKey,
	SM4_GCM_MISSING_REASON,
	SM4_GCM_UNAVAILABLE,
	type EncryptionSettings,
} from '../../lib/tencent/encryption';
import type { ActionDefinition, BaseResponse } from '../../lib/tencent/actions/common';
import { maskPersonalData } from '../../lib/tencent/redact';

const ENCRYPTION_OFF = 'off';

/**
 * "Encrypt Sensitive Fields", for the node's Options collection: shown only for the operations
 * whose Tencent action accepts `Encryption`.
 */
export function encryptionOption(operationsWithEncryption: string[]): INodeProperties {
	return {
		displayName: 'Encrypt Sensitive Fields',
		name: 'encryption',
		type: 'options',
		options: [
			{ name: 'Off', value: ENCRYPTION_OFF, description: 'Name and ID number travel as JSON inside HTTPS' },
			{
				name: 'AES-256-CBC',
				value: 'AES-256-CBC',
				description:
					"A fresh key and IV per request; the key is wrapped with the credential's RSA public key (Tencent's by default)",
			},
		],
		default: ENCRYPTION_OFF,
		description: `Whether to use Tencent's sensitive-data encryption: name and ID number are encrypted in the request, and names and ID numbers Tencent returns encrypted are decrypted for the output. Tencent's other algorithm, SM4-GCM, is not offered: ${SM4_GCM_MISSING_REASON}.`,
		displayOptions: { show: { '/operation': operationsWithEncryption } },
	};
}

/** "Mask Personal Data in Output", for the node's Options collection. */
export const MASK_OPTION: INodeProperties = {
	displayName: 'Mask Personal Data in Output',
	name: 'maskPersonalData',
	type: 'boolean',
	default: false,
	description:
		'Whether to mask names and ID numbers in the output items the way Tencent masks them (韦**, 1****************X), so later nodes and the execution log never hold them in full',
};

export interface PrivacySettings {
	/** Undefined: encryption off. */
	encryption?: EncryptionSettings;
	mask: boolean;
	/** The credential's SecretKey and session token, removed from any error text. */
	secrets: string[];
}

/** Node-wide settings, read once (from the first item, like the operation). */
export async function readPrivacySettings(
	context: IExecuteFunctions | IPollFunctions | IWebhookFunctions,
	options: { encryption?: string; maskPersonalData: boolean },
	/** The Tencent Cloud API credential, read once by the caller. */
	credentials: ICredentialDataDecryptedObject,
): Promise<PrivacySettings> {
	const secrets = [credentials.secretKey, credentials.sessionToken].filter(
		(value): value is string => typeof value === 'string' && value.trim() !== '',
	);
	const settings: PrivacySettings = { mask: options.maskPersonalData === true, secrets };

	const algorithm = options.encryption ?? ENCRYPTION_OFF;
	if (algorithm === ENCRYPTION_OFF) return settings;
	if (algorithm === 'SM4-GCM') throw new NodeOperationError(context.getNode(), SM4_GCM_UNAVAILABLE);
	if (algorithm !== 'AES-256-CBC') {
		throw new NodeOperationError(context.getNode(), `Encrypt Sensitive Fields: "${algorithm}" is not AES-256-CBC or Off`);
	}
	const publicKeyPem = typeof credentials.encryptionPublicKey === 'string' ? credentials.encryptionPublicKey.trim() : '';
	if (publicKeyPem) {
		try {
			parseRsaPublicKey(publicKeyPem);
		} catch (error) {
			throw new NodeOperationError(context.getNode(), `Credential field "Encryption Public Key (PEM)": ${(error as Error).message}`);
		}
	}
	return { ...settings, encryption: { algorithm, publicKeyPem: publicKeyPem || undefined } };
}

/** A request ready to send: encrypted when the option is on, with the key to open its answer. */
export interface SealedRequest<Req> {
	request: Req;
	session?: EncryptionSession;
}

/** Step "encrypt" of an item: fails before sending when it cannot encrypt. */
export function encryptForSending<Req>(
	context: IExecuteFunctions,
	itemIndex: number,
	action: ActionDefinition<Req, BaseResponse>,
	request: Req,
	settings: PrivacySettings,
): SealedRequest<Req> {
	if (!settings.encryption) return { request };
	if (!action.encryption) {
		throw new NodeOperationError(
			context.getNode(),
			`Encrypt Sensitive Fields is on, but Tencent's ${action.name} takes no Encryption: turn the option off [item ${itemIndex}]`,
			{ itemIndex },
		);
	}
	const encryption = settings.encryption;
	const sealed = asItemError(context, itemIndex, () => encryptRequest(action, request, encryption));
	return { request: sealed.params as Req, session: sealed.session };
}

/** Step "decrypt" of an item: the answer as Tencent meant it, or an error saying it may be billed. */
export function decryptAnswerOf<Res extends BaseResponse>(context: IExecuteFunctions, itemIndex: number, response: Res, sealed: SealedRequest<unknown>): Res {
	const session = sealed.session;
	return session ? asItemError(context, itemIndex, () => decryptAnswer(response, session)) : response;
}

function asItemError<T>(context: IExecuteFunctions, itemIndex: number, step: () => T): T {
	try {
		return step();
	} catch (error) {
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- not an encryption problem: the caller maps it
		if (!(error instanceof FieldEncryptionError)) throw error;
		throw new NodeOperationError(context.getNode(), `${error.message} [item ${itemIndex}]`, { itemIndex });
	}
}

/** The output item's JSON, masked when the option is on. */
export function protectOutput(json: IDataObject, settings: PrivacySettings): IDataObject {
	return settings.mask ? maskPersonalData(json) : json;
}
