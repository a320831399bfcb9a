/**
 * Test videos for the sandbox's liveness and AI-attack actions: the smallest files each container
 * format recognises (an MP4 `ftyp` box, an AVI RIFF header, an FLV header), carrying a scenario —
 * whose face, which liveness problem, which attack — as the same comment text the test images use,
 * in a box or chunk players skip. Any real video gets a scenario by adding such a comment.
 */
import { scenarioText, type ImageScenario, type TestImageOptions } from './testImages';

function box(type: string, data: Buffer): Buffer {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(data.length + 8);
	head.write(type, 4, 'latin1');
	return Buffer.concat([head, data]);
}

const pad = (size: number, options: TestImageOptions) => Buffer.alloc(Math.max(0, (options.minBytes ?? 0) - size));

/** An MP4: `ftyp` (isom), then a `free` box with the scenario (and padding). */
export function testMp4(scenario?: ImageScenario, options: TestImageOptions = {}): Buffer {
	const ftyp = box('ftyp', Buffer.from('isom\0\0\x02\0isomiso2mp41', 'latin1'));
	const comment = Buffer.from(scenario ? scenarioText(scenario) : '', 'latin1');
	return Buffer.concat([ftyp, box('free', Buffer.concat([comment, pad(ftyp.length + comment.length + 8, options)]))]);
}

/** An AVI: RIFF … AVI with a JUNK chunk holding the scenario. */
export function testAvi(scenario?: ImageScenario): Buffer {
	const comment = Buffer.from(scenario ? scenarioText(scenario) : '', 'latin1');
	const junk = Buffer.concat([Buffer.from('JUNK', 'latin1'), Buffer.alloc(4), comment, Buffer.alloc(comment.length % 2)]);
	junk.writeUInt32LE(comment.length, 4);
	const riff = Buffer.concat([Buffer.from('RIFF', 'latin1'), Buffer.alloc(4), Buffer.from('AVI ', 'latin1'), junk]);
	riff.writeUInt32LE(riff.length - 8, 4);
	return riff;
}

/** An FLV: its header (audio and video flags), then the scenario as trailing text. */
export function testFlv(scenario?: ImageScenario): Buffer {
	const header = Buffer.from([0x46, 0x4c, 0x56, 0x01, 0x05, 0, 0, 0, 9, 0, 0, 0, 0]);
	return Buffer.concat([header, Buffer.from(scenario ? scenarioText(scenario) : '', 'latin1')]);
}
