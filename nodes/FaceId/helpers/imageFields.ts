import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	checkImageBytes,
	checkImageUrl,
	decodeBase64Image,
	formatMegabytes,
} from '../../../lib/tencent/images';
import { invalidField } from './itemErrors';

/** One image parameter of an action, e.g. the ID-card photo of CheckIdCardInformation. */
export interface ImageFieldSpec {
	/** Prefix of the node parameters: `<key>Source`, `<key>BinaryProperty`, `<key>Url`, `<key>Base64`. */
	key: string;
	label: string;
	/** Tencent's limit for this field, measured on the base64 text. */
	maxBase64Bytes: number;
	/** Optional images get a "None" source, the default. */
	optional?: boolean;
	/** Whether Tencent can fetch this image from a URL itself. */
	allowUrl?: boolean;
	hint?: string;
}

/** What the request gets: base64 text, or a URL Tencent downloads. */
export type ImageValue = { base64: string; url?: undefined } | { url: string; base64?: undefined };

export function imageFieldProperties(spec: ImageFieldSpec): INodeProperties[] {
	const sourceOptions = [
		...(spec.optional ? [{ name: 'None', value: 'none', description: 'Do not send this image' }] : []),
		{
			name: 'Binary File',
			value: 'binary',
			description: 'From a binary property of the input item (Read File, HTTP Request, a form upload)',
		},
		...(spec.allowUrl === false
			? []
			: [{ name: 'URL', value: 'url', description: 'Tencent Cloud downloads the image from this address' }]),
		{ name: 'Base64 String', value: 'base64', description: 'Base64 text; a data: URI prefix is accepted' },
	];
	const show = (source: string) => ({ show: { [`${spec.key}Source`]: [source] } });
	return [
		{
			displayName: `${spec.label} Source`,
			name: `${spec.key}Source`,
			type: 'options',
			options: sourceOptions,
			default: spec.optional ? 'none' : 'binary',
			hint:
				spec.hint ??
				`PNG or JPEG, at most ${formatMegabytes(spec.maxBase64Bytes)} after base64 encoding`,
		},
		{
			displayName: `${spec.label} Binary Property`,
			name: `${spec.key}BinaryProperty`,
			type: 'string',
			default: 'data',
			required: true,
			displayOptions: show('binary'),
			hint: 'Name of the binary property holding the image on the input item',
		},
		{
			displayName: `${spec.label} URL`,
			name: `${spec.key}Url`,
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://example.com/photo.jpg',
			displayOptions: show('url'),
			hint: 'Must be reachable by Tencent Cloud; sent as-is, not downloaded by n8n',
		},
		{
			displayName: `${spec.label} (Base64)`,
			name: `${spec.key}Base64`,
			type: 'string',
			typeOptions: { rows: 2 },
			default: '',
			required: true,
			displayOptions: show('base64'),
			hint: 'Base64-encoded PNG or JPEG; a data:image/...;base64, prefix is removed',
		},
	];
}

/**
 * Reads and checks one image field of an item. Returns undefined for an optional image left out.
 * Every problem names the field and the item, and nothing has been sent yet.
 */
export async function readImageField(
	context: IExecuteFunctions,
	itemIndex: number,
	spec: ImageFieldSpec,
): Promise<ImageValue | undefined> {
	const source = context.getNodeParameter(`${spec.key}Source`, itemIndex, spec.optional ? 'none' : 'binary') as string;
	const fail = (problem: string) => invalidField(context, itemIndex, spec.label, problem);

	switch (source) {
		case 'none':
			return undefined;
		case 'url': {
			const url = String(context.getNodeParameter(`${spec.key}Url`, itemIndex, '')).trim();
			const problem = checkImageUrl(url);
			if (problem) throw fail(`URL ${problem.problem}`);
			return { url };
		}
		case 'base64': {
			const text = String(context.getNodeParameter(`${spec.key}Base64`, itemIndex, ''));
			const decoded = decodeBase64Image(text);
			if (!Buffer.isBuffer(decoded)) throw fail(`(base64) ${decoded.problem}`);
			const problem = checkImageBytes(decoded, spec.maxBase64Bytes);
			if (problem) throw fail(problem.problem);
			return { base64: decoded.toString('base64') };
		}
		case 'binary': {
			const property = String(context.getNodeParameter(`${spec.key}BinaryProperty`, itemIndex, 'data')).trim();
			const binary = context.getInputData()[itemIndex]?.binary?.[property];
			if (!binary) {
				throw fail(`has no binary property "${property}" on the input item`);
			}
			const bytes = await context.helpers.getBinaryDataBuffer(itemIndex, property);
			const problem = checkImageBytes(bytes, spec.maxBase64Bytes);
			if (problem) throw fail(`(binary property "${property}") ${problem.problem}`);
			return { base64: bytes.toString('base64') };
		}
		default:
			throw fail(`source "${source}" is not one of binary, url, base64`);
	}
}
