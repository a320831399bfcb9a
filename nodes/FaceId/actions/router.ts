import { randomUUID } from 'node:crypto';

import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { mapInOrder } from '../../../lib/tencent/concurrency';
import { resilientClient } from '../../shared/client';
import { errorItem, itemError, scrubError } from '../../shared/errors';
import { readNodeOptions } from '../../shared/options';
import { routeItems } from '../../shared/outputs';
import { readPrivacySettings } from '../../shared/privacy';
import { CREDENTIAL_TYPE } from '../../shared/transport';
import { OPERATIONS } from './operations';
import { runItem } from './runItem';
import { sitesOf, type FaceIdOperation } from './types';
import type { TencentSite } from '../../../lib/tencent/endpoint';

function findOperation(context: IExecuteFunctions, value: string): FaceIdOperation {
	const operation = OPERATIONS.find((candidate) => candidate.value === value);
	if (!operation) throw new NodeOperationError(context.getNode(), `The operation "${value}" is not supported`);
	// Version 2 on, the operation is chosen within a resource: a workflow edited by hand may pair them wrongly.
	if (context.getNode().typeVersion >= 2) {
		const resource = context.getNodeParameter('resource', 0) as string;
		if (resource !== operation.resource) {
			throw new NodeOperationError(context.getNode(), `The operation "${value}" belongs to the resource "${operation.resource}", not "${resource}"`);
		}
	}
	return operation;
}

/** An operation its credential's site does not offer fails the node before anything is sent. */
function refuseOtherSite(context: IExecuteFunctions, operation: FaceIdOperation, credentialSite: unknown): void {
	const site: TencentSite = credentialSite === 'international' ? 'international' : 'china';
	const offered = sitesOf(operation);
	if (offered.includes(site)) return;
	throw new NodeOperationError(
		context.getNode(),
		`"${operation.name}" is offered on Tencent Cloud's ${offered.map((offeredSite) => SITE_NAMES.get(offeredSite)).join(' and ')} site only; this credential is for the ${SITE_NAMES.get(site)} site`,
		{ description: 'Nothing was sent. Use a credential of a Tencent Cloud account on that site.' },
	);
}

const SITE_NAMES = new Map<TencentSite, string>([
	['china', 'China'],
	['international', 'International'],
]);

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operation = findOperation(this, this.getNodeParameter('operation', 0) as string);
	const routeByOutcome = operation.routed !== false && (this.getNodeParameter('routeByOutcome', 0, true) as boolean);
	// Node-wide settings: read once, from the first item, like the operation itself.
	const options = readNodeOptions(this, 0);
	// Paces at Tencent's limits, retries what is safe to retry, corrects clock skew.
	// Read once: the client paces by its SecretId, and no error may carry its secrets.
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	refuseOtherSite(this, operation, credentials.site);
	const client = resilientClient(this, options, credentials);
	// Encryption and masking options, and the credential secrets no error may carry.
	const privacy = await readPrivacySettings(this, options, credentials);

	// n8n's Retry On Fail runs the node again: answers bought by an earlier run are reused.
	const tryId = randomUUID();

	// Several items at a time; results come back in item order, so outputs are as if sequential.
	const outputItems = await mapInOrder(
		items.length,
		options.concurrency,
		async (itemIndex) => {
			try {
				return await runItem(this, client, operation, itemIndex, privacy, tryId);
			} catch (error) {
				// Before n8n shows, stores or logs it: no secret, full ID number or photo in any part of it.
				const failure = scrubError(itemError(this, error, itemIndex), privacy.secrets);
				// With "Continue (regular output)" the item goes where a human looks: the Review output.
				if (this.continueOnFail()) return errorItem(this, failure, itemIndex);
				throw failure;
			}
		},
		this.getExecutionCancelSignal(),
	);
	return routeItems(outputItems, routeByOutcome);
}
