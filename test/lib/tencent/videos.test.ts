import { checkVideoBytes, detectVideoFormat } from '../../../lib/tencent/videos';
import { GIF_BYTES, testJpeg, testPng } from '../../../sandbox/actions/testImages';
import { testAvi, testFlv, testMp4 } from '../../../sandbox/actions/testVideos';

test('MP4, AVI and FLV are recognised by their first bytes', () => {
	expect([testMp4(), testAvi(), testFlv()].map(detectVideoFormat)).toEqual(['mp4', 'avi', 'flv']);
	expect([testJpeg(), testPng(), GIF_BYTES, Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1'), Buffer.alloc(0)].map(detectVideoFormat)).toEqual([
		undefined,
		undefined,
		undefined,
		undefined,
		undefined,
	]);
});

test('a file that is not a video says what it is; the limit is measured on the base64 text', () => {
	expect(checkVideoBytes(testJpeg(), 100)).toEqual({ problem: 'is a JPEG image; only MP4, AVI and FLV videos are accepted' });
	expect(checkVideoBytes(Buffer.from('\x1aE\xdf\xa3\x01\x00', 'latin1'), 100)?.problem).toMatch(/^is a WebM or Matroska video/);
	expect(checkVideoBytes(Buffer.alloc(0), 100)).toEqual({ problem: 'is empty' });
	const video = testMp4({}, { minBytes: 3000 });
	// 3000 bytes are 4000 characters of base64.
	expect(checkVideoBytes(video, 4000)).toBeUndefined();
	expect(checkVideoBytes(video, 3999)?.problem).toMatch(/^is 0\.0 MB \(4,000 bytes\) after base64, over this action's limit/);
});
