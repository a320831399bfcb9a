/**
 * One run of the FaceID node through n8n's engine against the sandbox, read back per item: the
 * output it left by, its outcome and its output item, and how many answers the sandbox billed.
 * `routedRun` feeds JSON items; `faceRun` items with files (a test video and photo: `videoAndPhoto`).
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { testJpeg, type ImageScenario } from '../../../../../../sandbox/actions/testImages';
import { testMp4 } from '../../../../../../sandbox/actions/testVideos';
import type { Sandbox } from '../../../../../../sandbox/server';
import { runFaceId, type FaceIdRunOptions, type TestItem } from '../../../../../support/faceIdItems';

const OUTPUTS = ['Passed', 'Failed', 'Review', 'Error'];

export async function faceRun(sandbox: Sandbox, parameters: INodeParameters, items: TestItem[], options: FaceIdRunOptions = {}) {
	sandbox.clearRequests();
	const run = await runFaceId(sandbox.url, parameters, items, options);
	expect(run.error).toBeUndefined();
	const byItem = new Array<{ route: string; item: INodeExecutionData }>(items.length);
	run.outputs.forEach((output, index) => {
		const route = parameters.routeByOutcome === false ? 'Output' : OUTPUTS[index];
		for (const item of output) byItem[(item.pairedItem as { item: number }).item] = { route, item };
	});
	return {
		result: run.result,
		routes: byItem.map((entry) => entry.route),
		outcomes: byItem.map((entry) => entry.item.json.outcome as IDataObject),
		items: byItem.map((entry) => entry.item),
		billed: sandbox.requests.filter((request) => request.billable).length,
	};
}

export async function routedRun(sandbox: Sandbox, parameters: INodeParameters, items: IDataObject[], credential: ICredentialDataDecryptedObject = {}) {
	return faceRun(
		sandbox,
		parameters,
		items.map((json) => ({ json })),
		{ credential },
	);
}

/** An item with a test video (binary property `video`) and a test photo (`photo`), each with its scenario. */
export const videoAndPhoto = (video: ImageScenario, photo: ImageScenario): TestItem => ({
	json: {},
	files: { video: { bytes: testMp4(video), mimeType: 'video/mp4' }, photo: { bytes: testJpeg(photo), mimeType: 'image/jpeg' } },
});
