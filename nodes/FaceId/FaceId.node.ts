import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { router } from './actions/router';
import { faceIdDescription } from './description';
import { REDIS_CREDENTIAL_TEST, testRedisCredential } from '../shared/registryFields';

// usableAsTool and subtitle are in faceIdDescription (spread below), where n8n's lint cannot see them.
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool
export class FaceId implements INodeType {
	// eslint-disable-next-line @n8n/community-nodes/require-node-description-fields
	description: INodeTypeDescription = {
		...faceIdDescription,
		// Here, not in faceIdDescription: n8n resolves `file:` icons from this file's folder, and its lint reads them here.
		icon: { light: 'file:../../icons/faceid.svg', dark: 'file:../../icons/faceid.dark.svg' },
	};

	methods = { credentialTest: { [REDIS_CREDENTIAL_TEST]: testRedisCredential } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
