/**
 * Video checks shared by every video field, run before anything is sent: a liveness video is
 * megabytes, so a wrong file should fail here, not after its upload. Tencent takes MP4, AVI and FLV.
 */
import { detectImageFormat, sizeProblem, type ImageProblem } from './images';

export type VideoFormat = 'mp4' | 'avi' | 'flv';

/** Recognises MP4 (an `ftyp` box first), AVI (RIFF … AVI) and FLV by their first bytes. */
export function detectVideoFormat(bytes: Buffer): VideoFormat | undefined {
	if (bytes.length >= 12 && bytes.toString('latin1', 4, 8) === 'ftyp') return 'mp4';
	if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'AVI ') return 'avi';
	if (bytes.length >= 4 && bytes.toString('latin1', 0, 3) === 'FLV' && bytes[3] === 1) return 'flv';
	return undefined;
}

/** What a file that is not a video of those formats is, for the error message. */
function describeNonVideo(bytes: Buffer): string {
	const head = bytes.subarray(0, 12).toString('latin1');
	if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'a WebP image';
	if (head.slice(4, 8) === 'moov' || head.slice(4, 8) === 'mdat') return 'a QuickTime movie without an ftyp box';
	if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return 'a WebM or Matroska video';
	const image = detectImageFormat(bytes);
	if (image) return image === 'png' ? 'a PNG image' : 'a JPEG image';
	return 'not an MP4, AVI or FLV video';
}

/** Checks decoded video bytes against format and Tencent's size limit (measured after base64). */
export function checkVideoBytes(bytes: Buffer, maxBase64Bytes: number): ImageProblem | undefined {
	if (bytes.length === 0) return { problem: 'is empty' };
	if (!detectVideoFormat(bytes)) return { problem: `is ${describeNonVideo(bytes)}; only MP4, AVI and FLV videos are accepted` };
	return sizeProblem(bytes, maxBase64Bytes);
}
