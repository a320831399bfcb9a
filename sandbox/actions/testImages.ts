/**
 * Test images for the sandbox's photo actions: tiny but valid PNG and JPEG files (1×1 pixel) that
 * carry a "scenario" — who is in the photo, what the card says, which warnings it raises — as a
 * text comment (PNG tEXt chunk, JPEG COM segment). The sandbox reads the scenario to answer
 * deterministically; any real photo gets a scenario by adding such a comment. See sandbox/README.md.
 */
import { crc32, deflateSync } from 'zlib';

/** What the sandbox "sees" in a photo. Every key is optional. */
export interface ImageScenario {
	/** ID number of the person in the photo (face photo) or on the card (ID-card photo). */
	person?: string;
	/** Name printed on the card; default: the registered name of `person`. */
	name?: string;
	/** Similarity the comparison reports (0-100); default 89.88 for the right person, 26.04 otherwise. */
	sim?: number;
	/** A face problem: none, several faces, a spoof, too low a resolution. */
	face?: 'none' | 'multiple' | 'fake' | 'lowres';
	/** Warning codes the card would raise (-9101 … -9106, -8001), if the request's Config asks. */
	warn?: string[];
	/** Image quality score 0-100; default 95. Below 50 raises -8001 when Config.Quality is on. */
	quality?: number;
	/** Answer with this code (e.g. FailedOperation.CompareFail) whatever else the photo shows. */
	result?: string;
	/** Where `result` goes: the `Result` field (default where the action has one) or `Response.Error`. */
	via?: 'result' | 'error';
	/** A liveness problem of a video: a spoof, a recapture, no face, several faces, too short, a mask. */
	live?: 'spoof' | 'recapture' | 'noFace' | 'multiple' | 'tooShort' | 'mask';
	/** What the AI-attack check finds: its risk level (default Low) … */
	attack?: 'Low' | 'Mid' | 'High';
	/** … and the traces it lists (Tencent's `Type` values). */
	traces?: string[];
}

/** The comment text starts with this and ends with ';': `faceid-sandbox:person=…&sim=65;`. */
const MARKER = 'faceid-sandbox:';
const TERMINATOR = ';';

/** The scenario as comment text: URL-encoded, so it is plain ASCII (PNG tEXt is Latin-1) with no ';'. */
export function scenarioText(scenario: ImageScenario): string {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(scenario)) {
		if (value === undefined) continue;
		params.set(key, Array.isArray(value) ? value.join('|') : String(value));
	}
	return `${MARKER}${params.toString().replace(/;/g, '%3B')}${TERMINATOR}`;
}

/** Reads the scenario comment anywhere in the image bytes; undefined for an image without one. */
export function readImageScenario(bytes: Buffer): ImageScenario | undefined {
	const start = bytes.indexOf(MARKER, 0, 'latin1');
	if (start < 0) return undefined;
	const end = bytes.indexOf(TERMINATOR, start + MARKER.length, 'latin1');
	if (end < 0) return undefined;
	const params = new URLSearchParams(bytes.subarray(start + MARKER.length, end).toString('latin1'));
	const scenario: ImageScenario = {};
	const text = (key: string) => params.get(key) ?? undefined;
	const number = (key: string) => {
		const value = params.get(key);
		return value === null || value.trim() === '' || !Number.isFinite(Number(value)) ? undefined : Number(value);
	};
	scenario.person = text('person');
	scenario.name = text('name');
	scenario.sim = number('sim');
	scenario.face = text('face') as ImageScenario['face'];
	scenario.warn = text('warn')?.split('|').filter(Boolean);
	scenario.quality = number('quality');
	scenario.result = text('result');
	scenario.via = text('via') as ImageScenario['via'];
	scenario.live = text('live') as ImageScenario['live'];
	scenario.attack = text('attack') as ImageScenario['attack'];
	scenario.traces = text('traces')?.split('|').filter(Boolean);
	return Object.fromEntries(Object.entries(scenario).filter(([, value]) => value !== undefined)) as ImageScenario;
}

export interface TestImageOptions {
	/** Pads the file with an ignorable chunk/segment to at least this many bytes (size-limit tests). */
	minBytes?: number;
}

function pngChunk(type: string, data: Buffer): Buffer {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(typeAndData));
	return Buffer.concat([length, typeAndData, crc]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A valid 1×1 grey PNG with the scenario in a tEXt "Comment" chunk. */
export function testPng(scenario?: ImageScenario, options: TestImageOptions = {}): Buffer {
	// IHDR: width 1, height 1, bit depth 8, colour type 0 (grey), deflate, no filter, no interlace.
	const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
	const pixels = deflateSync(Buffer.from([0, 0x80])); // filter byte "none", one mid-grey pixel
	const chunks = [pngChunk('IHDR', header)];
	if (scenario) chunks.push(pngChunk('tEXt', Buffer.from(`Comment\0${scenarioText(scenario)}`, 'latin1')));
	chunks.push(pngChunk('IDAT', pixels));
	const end = pngChunk('IEND', Buffer.alloc(0));
	const size = PNG_SIGNATURE.length + chunks.reduce((sum, chunk) => sum + chunk.length, 0) + end.length;
	// "paDd": ancillary and private (lower-case first and second letters), so decoders skip it.
	if (options.minBytes && options.minBytes > size) chunks.push(pngChunk('paDd', Buffer.alloc(Math.max(0, options.minBytes - size - 12))));
	return Buffer.concat([PNG_SIGNATURE, ...chunks, end]);
}

function jpegSegment(marker: number, data: Buffer): Buffer {
	const head = Buffer.from([0xff, marker, 0, 0]);
	head.writeUInt16BE(data.length + 2, 2);
	return Buffer.concat([head, data]);
}

/** Largest payload of one JPEG segment (its length field counts itself). */
const MAX_SEGMENT_DATA = 0xffff - 2;

/**
 * A valid 1×1 baseline JPEG (one grey 8×8 block: DC difference 0, then end-of-block) with the
 * scenario in a COM segment.
 */
export function testJpeg(scenario?: ImageScenario, options: TestImageOptions = {}): Buffer {
	const oneCodeTable = (tableClass: number) =>
		// One Huffman code of length 1 for symbol 0x00 (DC: difference category 0; AC: end of block).
		jpegSegment(0xc4, Buffer.from([tableClass, 1, ...new Array(15).fill(0), 0x00]));
	const segments: Buffer[] = [Buffer.from([0xff, 0xd8])];
	if (scenario) segments.push(jpegSegment(0xfe, Buffer.from(scenarioText(scenario), 'latin1')));
	segments.push(
		jpegSegment(0xdb, Buffer.from([0x00, ...new Array(64).fill(1)])), // quantisation table 0, all 1
		jpegSegment(0xc0, Buffer.from([8, 0, 1, 0, 1, 1, 1, 0x11, 0])), // 8-bit, 1×1, one component
		oneCodeTable(0x00),
		oneCodeTable(0x10),
		jpegSegment(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0])), // scan of component 1, tables 0/0
		Buffer.from([0x3f]), // bits 0 (DC) 0 (EOB), padded with ones
		Buffer.from([0xff, 0xd9]),
	);
	let size = segments.reduce((sum, segment) => sum + segment.length, 0);
	const padding: Buffer[] = [];
	while (options.minBytes && size < options.minBytes) {
		const data = Math.min(MAX_SEGMENT_DATA, Math.max(0, options.minBytes - size - 4));
		padding.push(jpegSegment(0xfe, Buffer.alloc(data, 0x20)));
		size += data + 4;
	}
	// Padding goes right after SOI, before the image data.
	return Buffer.concat([segments[0], ...padding, ...segments.slice(1)]);
}

/** The first bytes of a GIF: Tencent refuses GIF for every FaceID image. */
export const GIF_BYTES = Buffer.from('GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;', 'latin1');

/** The portrait the sandbox "crops" from an ID card: a plain test JPEG. */
export const SANDBOX_PORTRAIT = testJpeg();
