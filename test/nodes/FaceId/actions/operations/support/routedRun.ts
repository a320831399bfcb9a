/**
 * One run of the FaceID node through n8n's engine against the sandbox, read back per item: the
 * output it left by, its outcome, and how many answers the sandbox billed.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../../../../../sandbox/server';
import { FACEID_NODE, routeOfEachItem, runFaceId, sandboxCredential } from '../../../../../support/faceIdWorkflow';

export async function routedRun(sandbox: Sandbox, parameters: INodeParameters, items: IDataObject[], credential: ICredentialDataDecryptedObject = {}) {
	sandbox.clearRequests();
	const result = await runFaceId({ parameters, items: items.map((json) => ({ json })), credential: sandboxCredential(sandbox, credential) });
	expect(result.error).toBeUndefined();
	const outcomes = new Array<IDataObject>(items.length);
	for (const item of result.outputs(FACEID_NODE).flat()) outcomes[(item.pairedItem as { item: number }).item] = item.json.outcome as IDataObject;
	return { result, routes: routeOfEachItem(result, parameters), outcomes, billed: sandbox.requests.filter((request) => request.billable).length };
}
