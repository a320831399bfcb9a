/**
 * Personal data and secrets in the node: the "Encrypt Sensitive Fields" and "Mask Personal Data in
 * Output" options, the encrypted call, and the scrubbing every error goes through before n8n shows,
 * stores or logs it. The router calls these; the decisions live in lib/tencent (encryption, redact).
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import type { CallOptions, TencentCloudClient } from '../../../lib/tencent/client';
import {
	callEncrypted,
	FieldEncryptionError,
	parseRsaPublicKey,
	SM4_GCM_MISSING_REASON,
	SM4_GCM_UNAVAILABLE,
	type EncryptionSettings,
} from '../../../lib/tencent/encryption';
import type { ActionDefinition, BaseResponse } from '../../../lib/tencent/actions/common';
import { maskPersonalData, scrubText, scrubValue } from '../../../lib/tencent/redact';
import { CREDENTIAL_TYPE } from '../transport';

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
export async function readPrivacySettings(context: IExecuteFunctions): Promise<PrivacySettings> {
	const options = context.getNodeParameter('options', 0, {}) as { encryption?: string; maskPersonalData?: boolean };
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
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

/** The API call, encrypted both ways when the option is on. Fails before sending when it cannot encrypt. */
export async function callProtected<Req, Res extends BaseResponse>(
	context: IExecuteFunctions,
	itemIndex: number,
	client: Pick<TencentCloudClient, 'call'>,
	action: ActionDefinition<Req, Res>,
	request: Req,
	settings: PrivacySettings,
	options?: CallOptions,
): Promise<Res> {
	if (!settings.encryption) return await client.call(action, request, options);
	if (!action.encryption) {
		throw new NodeOperationError(
			context.getNode(),
			`Encrypt Sensitive Fields is on, but Tencent's ${action.name} takes no Encryption: turn the option off [item ${itemIndex}]`,
			{ itemIndex },
		);
	}
	try {
		return await callEncrypted(client, action, request, settings.encryption, options);
	} catch (error) {
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- Tencent and transport errors go on to the caller, which maps them
		if (!(error instanceof FieldEncryptionError)) throw error;
		throw new NodeOperationError(context.getNode(), `${error.message} [item ${itemIndex}]`, { itemIndex });
	}
}

/** The output item's JSON, masked when the option is on. */
export function protectOutput(json: IDataObject, settings: PrivacySettings): IDataObject {
	return settings.mask ? maskPersonalData(json) : json;
}

/** Error properties that end up in the editor, the execution data or a log line. */
const TEXT_PROPERTIES = ['message', 'description', 'stack'] as const;
const VALUE_PROPERTIES = ['messages', 'context', 'errorResponse'] as const;

/**
 * Scrubs an error in place (its class stays, n8n needs it): the credential's secrets become
 * [redacted], ID numbers are masked, photos dropped, in the message, description, stack, context,
 * error response and the whole `cause` chain.
 */
export function scrubError<E>(error: E, secrets: readonly string[]): E {
	const seen = new WeakSet<object>();
	const scrub = (target: unknown): void => {
		if (!target || typeof target !== 'object' || seen.has(target)) return;
		seen.add(target);
		const record = target as Record<string, unknown>;
		for (const key of TEXT_PROPERTIES) {
			if (typeof record[key] === 'string') trySet(record, key, scrubText(record[key] as string, secrets));
		}
		for (const key of VALUE_PROPERTIES) {
			if (record[key] !== undefined && record[key] !== null) trySet(record, key, scrubValue(record[key], secrets));
		}
		const cause = record.cause;
		if (cause instanceof Error) scrub(cause);
		else if (cause !== undefined && cause !== null) trySet(record, 'cause', scrubValue(cause, secrets));
	};
	scrub(error);
	return error;
}

/** Read-only properties (a frozen error, a getter) are left as they are rather than crash the item. */
function trySet(target: Record<string, unknown>, key: string, value: unknown): void {
	try {
		target[key] = value;
	} catch {
		// Nothing better to do: the property cannot be changed.
	}
}
