import type { IBinaryKeyData, IDataObject, IExecuteFunctions, IPollFunctions } from 'n8n-workflow';

import { detectImageFormat, imageFileExtension, imageMimeType } from '../../lib/tencent/images';
import type { EmittedResult } from '../../lib/tencent/pendingVerifications/poller';

/** How a pending check's result reached the item, as every result item shows it under `verification`. */
export interface DeliveryDetails {
	/** Result requests made so far. */
	polls: number;
	/** How the result was obtained, in a few words (inline wait, trigger, return, handed off...). */
	delivery: string;
	/** How many times this result was emitted (triggers only): more than 1 means maybe a repeat. */
	emission?: number;
	registeredAt?: number;
	finishedAt?: number;
}

/** The `verification` fields of a delivery, times as ISO text. */
export function deliveryFields(details: DeliveryDetails): IDataObject {
	const fields: IDataObject = { polls: details.polls, delivery: details.delivery };
	if (details.emission !== undefined) fields.emission = details.emission;
	if (details.registeredAt !== undefined) fields.registeredAt = new Date(details.registeredAt).toISOString();
	if (details.finishedAt !== undefined) fields.finishedAt = new Date(details.finishedAt).toISOString();
	return fields;
}

/** A result the registry emitted, as the delivery details and the Reference its item shows. */
export function emittedDetails(emitted: EmittedResult, delivery: string): DeliveryDetails & { region: string; reference: string } {
	const { record, result } = emitted;
	return {
		region: record.region,
		reference: record.reference,
		polls: result.polls,
		delivery,
		emission: record.emitCount,
		registeredAt: record.registeredAt,
		finishedAt: record.finishedAt,
	};
}

/** The named fields of a response that are present, in the order given: what "Simplify" keeps. */
export function pickFields(response: Readonly<Record<string, unknown>>, fields: readonly string[]): IDataObject {
	const picked: IDataObject = {};
	for (const field of fields) {
		if (response[field] !== undefined) picked[field] = response[field] as IDataObject[string];
	}
	return picked;
}

/** A response field that holds a base64 file, e.g. the ID-card photo check's `Portrait`. */
export interface BinaryField {
	/** Field of Tencent's response. */
	field: string;
	/** Node parameter that names the binary property it goes to; absent: always `defaultProperty`. */
	propertyParameter?: string;
	/** Default of that parameter. */
	defaultProperty: string;
	/** File name without extension; the extension follows the detected image format. */
	fileName: string;
}

/**
 * Moves base64 files out of the JSON into n8n binary properties: a long base64 string in the
 * JSON is unreadable in the editor and heavy in every later node. The field is removed from the
 * JSON once moved; a null or empty field stays as Tencent sent it.
 */
export async function moveFieldsToBinary(
	context: IExecuteFunctions | IPollFunctions,
	itemIndex: number,
	json: IDataObject,
	fields: readonly BinaryField[],
): Promise<IBinaryKeyData | undefined> {
	let binary: IBinaryKeyData | undefined;
	for (const spec of fields) {
		const value = json[spec.field];
		if (typeof value !== 'string' || value === '') continue;
		const property = binaryPropertyName(context, itemIndex, spec);
		const bytes = Buffer.from(value, 'base64');
		const format = detectImageFormat(bytes);
		const fileName = format ? `${spec.fileName}.${imageFileExtension(format)}` : spec.fileName;
		binary ??= {};
		binary[property] = await context.helpers.prepareBinaryData(
			bytes,
			fileName,
			format ? imageMimeType(format) : 'application/octet-stream',
		);
		delete json[spec.field];
	}
	return binary;
}

function binaryPropertyName(context: IExecuteFunctions | IPollFunctions, itemIndex: number, spec: BinaryField): string {
	if (!spec.propertyParameter || !('getInputData' in context)) return spec.defaultProperty;
	return String(context.getNodeParameter(spec.propertyParameter, itemIndex, spec.defaultProperty)).trim() || spec.defaultProperty;
}
