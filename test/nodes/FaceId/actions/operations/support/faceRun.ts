/**
 * A run of a face operation through n8n's engine against the sandbox, with files per item, read
 * back per item: its output, its outcome and its output item; and how many answers were billed.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { testJpeg, type ImageScenario } from '../../../../../../sandbox/actions/testImages';
import { testMp4 } from '../../../../../../sandbox/actions/testVideos';
import type { Sandbox } from '../../../../../../sandbox/server';
import { runFaceId, type FaceIdRunOptions, type TestItem } from '../../../../../support/faceIdItems';

const OUTPUTS = ['Passed', 'Failed', 'Review'];

/** An item with a test video (binary property `video`) and a test photo (`photo`), each with its scenario. */
export const videoAndPhoto = (video: ImageScenario, photo: ImageScenario): TestItem => ({
	json: {},
	files: { video: { bytes: testMp4(video), mimeType: 'video/mp4' }, photo: { bytes: testJpeg(photo), mimeType: 'image/jpeg' } },
});

export async function faceRun(sandbox: Sandbox, parameters: INodeParameters, items: TestItem[], options: FaceIdRunOptions = {}) {
	sandbox.clearRequests();
	const run = await runFaceId(sandbox.url, parameters, items, options);
	expect(run.error).toBeUndefined();
	const byItem = new Array<{ route: string; item: INodeExecutionData }>(items.length);
	run.outputs.forEach((output, index) => {
		for (const item of output) byItem[(item.pairedItem as { item: number }).item] = { route: OUTPUTS[index], item };
	});
	return {
		routes: byItem.map((entry) => entry.route),
		outcomes: byItem.map((entry) => entry.item.json.outcome as Record<string, unknown>),
		items: byItem.map((entry) => entry.item),
		billed: sandbox.requests.filter((request) => request.billable).length,
	};
}
