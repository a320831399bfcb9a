import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	checkImageBytes,
	checkImageUrl,
	decodeBase64Image,
	formatMegabytes,
} from '../../../lib/tencent/images';
import { Base64Bytes, MAX_REQUEST_BODY_BYTES, requestBodyLength } from '../../../lib/tencent/requestBody';
import { checkVideoBytes } from '../../../lib/tencent/videos';
import { invalidField } from '../../shared/errors';

/**
 * What differs between an image field and a video field: the formats Tencent takes, how they are
 * checked, and how long Tencent waits for a URL to download.
 */
const MEDIA = {
	image: {
		formats: 'PNG or JPEG (not GIF)',
		shortFormats: 'PNG or JPEG',
		check: checkImageBytes,
		tencentDownloadSeconds: 3,
		placeholder: 'https://example.com/photo.jpg',
		dataUriPrefix: 'data:image/...;base64,',
	},
	video: {
		formats: 'MP4, AVI or FLV',
		shortFormats: 'MP4, AVI or FLV',
		check: checkVideoBytes,
		tencentDownloadSeconds: 4,
		placeholder: 'https://example.com/selfie.mp4',
		dataUriPrefix: 'data:video/...;base64,',
	},
} as const;

/** One image (or video) parameter of an action, e.g. the ID-card photo of the ID-card photo check. */
export interface ImageFieldSpec {
	/** What the field holds; default an image. */
	kind?: keyof typeof MEDIA;
	/** Prefix of the node parameters: `<key>Source`, `<key>BinaryProperty`, `<key>Url`, `<key>Base64`. */
	key: string;
	label: string;
	/** Tencent's limit for this field, measured on the base64 text. */
	maxBase64Bytes: number;
	/**
	 * What a URL becomes. `tencent`: sent as `ImageUrl`, Tencent downloads it. `download`: for actions
	 * that take no URL, n8n downloads the image (with the instance's proxy and network policy),
	 * checks it like a file and sends it as base64.
	 */
	url: 'tencent' | 'download';
	/** Tencent's limit for the image behind an `ImageUrl`, when it differs from `maxBase64Bytes`. */
	urlMaxBase64Bytes?: number;
	/** Extra display conditions, e.g. only when the operation's input mode is "photo". */
	show?: Record<string, Array<string | number | boolean>>;
}

/**
 * What the request gets: the image's bytes, written into the body as base64 (never held as a
 * base64 string: a photo is megabytes), or a URL Tencent downloads.
 */
export type ImageValue = { base64: Base64Bytes; url?: undefined } | { url: string; base64?: undefined };

/** How long n8n waits for an image it downloads itself. */
const DOWNLOAD_TIMEOUT_MS = 30_000;

const mediaOf = (spec: ImageFieldSpec) => MEDIA[spec.kind ?? 'image'];
const nounOf = (spec: ImageFieldSpec) => spec.kind ?? 'image';
const urlFieldOf = (spec: ImageFieldSpec) => (spec.kind === 'video' ? 'VideoUrl' : 'ImageUrl');

function urlHint(spec: ImageFieldSpec): string {
	const media = mediaOf(spec);
	if (spec.url === 'download') {
		return `n8n downloads the ${nounOf(spec)} and sends it as base64 (this action takes no URL); ${media.shortFormats} only`;
	}
	const limit = formatMegabytes(spec.urlMaxBase64Bytes ?? spec.maxBase64Bytes);
	return `Sent as ${urlFieldOf(spec)}: Tencent Cloud downloads it (within ${media.tencentDownloadSeconds} seconds, at most ${limit} after base64), so it must be reachable from the internet`;
}

export function imageFieldProperties(spec: ImageFieldSpec): INodeProperties[] {
	const media = mediaOf(spec);
	const noun = nounOf(spec);
	const displayOptions = (source?: string): INodeProperties['displayOptions'] => {
		const show = { ...spec.show, ...(source ? { [`${spec.key}Source`]: [source] } : {}) };
		return Object.keys(show).length ? { show } : undefined;
	};
	const withDisplay = (property: INodeProperties, source?: string): INodeProperties => {
		const options = displayOptions(source);
		return options ? { ...property, displayOptions: options } : property;
	};
	return [
		withDisplay({
			displayName: `${spec.label} Source`,
			name: `${spec.key}Source`,
			type: 'options',
			options: [
				{
					name: 'Binary File',
					value: 'binary',
					description: 'From a binary property of the input item (Read File, HTTP Request, a form upload)',
				},
				{
					name: 'URL',
					value: 'url',
					description:
						spec.url === 'tencent'
							? `Tencent Cloud downloads the ${noun} from this address`
							: `n8n downloads the ${noun} from this address and sends it as base64`,
				},
				{ name: 'Base64 String', value: 'base64', description: 'Base64 text; a data: URI prefix is accepted' },
			],
			default: 'binary',
			hint: `${media.formats}, at most ${formatMegabytes(spec.maxBase64Bytes)} after base64 encoding`,
		}),
		withDisplay(
			{
				displayName: `${spec.label} Binary Property`,
				name: `${spec.key}BinaryProperty`,
				type: 'string',
				default: 'data',
				required: true,
				hint: `Name of the binary property holding the ${noun} on the input item`,
			},
			'binary',
		),
		withDisplay(
			{
				displayName: `${spec.label} URL`,
				name: `${spec.key}Url`,
				type: 'string',
				default: '',
				required: true,
				placeholder: media.placeholder,
				hint: urlHint(spec),
			},
			'url',
		),
		withDisplay(
			{
				displayName: `${spec.label} (Base64)`,
				name: `${spec.key}Base64`,
				type: 'string',
				typeOptions: { rows: 2 },
				default: '',
				required: true,
				hint: `Base64-encoded ${media.shortFormats}; a ${media.dataUriPrefix} prefix is removed`,
			},
			'base64',
		),
	];
}

/** Downloads an image through n8n's HTTP helper; any failure becomes a field error. */
async function downloadImage(
	context: IExecuteFunctions,
	url: string,
	fail: (problem: string) => Error,
): Promise<Buffer> {
	let body: unknown;
	try {
		body = await context.helpers.httpRequest({
			method: 'GET',
			url,
			encoding: 'arraybuffer',
			json: false,
			timeout: DOWNLOAD_TIMEOUT_MS,
			abortSignal: context.getExecutionCancelSignal(),
		});
	} catch (error) {
		const reason = (error as IDataObject).message ?? String(error);
		throw fail(`URL could not be downloaded: ${String(reason)}`);
	}
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (typeof body === 'string') return Buffer.from(body, 'binary');
	throw fail('URL did not return a file');
}

/**
 * Reads and checks one image field of an item. Every problem names the field and the item, and
 * is raised before anything is sent to Tencent.
 */
export async function readImageField(
	context: IExecuteFunctions,
	itemIndex: number,
	spec: ImageFieldSpec,
): Promise<ImageValue> {
	const source = context.getNodeParameter(`${spec.key}Source`, itemIndex, 'binary') as string;
	const fail = (problem: string) => invalidField(context, itemIndex, spec.label, problem);
	const checked = (bytes: Buffer, origin: string): ImageValue => {
		const problem = mediaOf(spec).check(bytes, spec.maxBase64Bytes);
		if (problem) throw fail(`${origin}${problem.problem}`);
		return { base64: new Base64Bytes(bytes) };
	};

	switch (source) {
		case 'url': {
			const url = String(context.getNodeParameter(`${spec.key}Url`, itemIndex, '')).trim();
			const problem = checkImageUrl(url);
			if (problem) throw fail(`URL ${problem.problem}`);
			if (spec.url === 'tencent') return { url };
			return checked(await downloadImage(context, url, fail), '(downloaded from the URL) ');
		}
		case 'base64': {
			const text = String(context.getNodeParameter(`${spec.key}Base64`, itemIndex, ''));
			const decoded = decodeBase64Image(text);
			if (!Buffer.isBuffer(decoded)) throw fail(`(base64) ${decoded.problem}`);
			return checked(decoded, '');
		}
		case 'binary': {
			const property = String(context.getNodeParameter(`${spec.key}BinaryProperty`, itemIndex, 'data')).trim();
			const binary = context.getInputData()[itemIndex]?.binary?.[property];
			if (!binary) {
				throw fail(`has no binary property "${property}" on the input item`);
			}
			const bytes = await context.helpers.getBinaryDataBuffer(itemIndex, property);
			return checked(bytes, `(binary property "${property}") `);
		}
		default:
			throw fail(`source "${source}" is not one of binary, url, base64`);
	}
}

/** The request fields for an image: `ImageBase64` or `ImageUrl`, never both. */
export function imageRequestFields(image: ImageValue): { ImageBase64: Base64Bytes } | { ImageUrl: string } {
	return image.url !== undefined ? { ImageUrl: image.url } : { ImageBase64: image.base64 };
}

/**
 * Each file is within its own limit, but a video and a photo together can make a request over
 * Tencent's 10 MB per request, which would be uploaded only to be refused: refused here instead,
 * naming the files.
 */
export function checkRequestSize(context: IExecuteFunctions, itemIndex: number, request: object): void {
	const length = requestBodyLength(request);
	if (length <= MAX_REQUEST_BODY_BYTES) return;
	const files = Object.entries(request)
		.filter((entry): entry is [string, Base64Bytes] => entry[1] instanceof Base64Bytes)
		.map(([field, file]) => `${field} ${formatMegabytes(file.base64Length)}`);
	throw invalidField(
		context,
		itemIndex,
		`The files (${files.join(', ')})`,
		`make a ${formatMegabytes(length)} request, over Tencent's limit of ${formatMegabytes(MAX_REQUEST_BODY_BYTES)} for one request`,
		'Nothing was sent to Tencent Cloud, so this item cost nothing. Send a shorter video or a smaller photo.',
	);
}

/** The request fields for a video: `VideoBase64` or `VideoUrl`, never both. */
export function videoRequestFields(video: ImageValue): { VideoBase64: Base64Bytes } | { VideoUrl: string } {
	return video.url !== undefined ? { VideoUrl: video.url } : { VideoBase64: video.base64 };
}

/** For an action that takes no URL: the image (or video) as base64, whatever the source (URLs are downloaded). */
export async function readImageBase64(
	context: IExecuteFunctions,
	itemIndex: number,
	spec: ImageFieldSpec & { url: 'download' },
): Promise<Base64Bytes> {
	const image = await readImageField(context, itemIndex, spec);
	if (image.base64 === undefined) throw new Error(`${spec.label}: a downloaded image must come back as base64`);
	return image.base64;
}
