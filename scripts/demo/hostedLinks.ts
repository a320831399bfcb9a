/**
 * The demo's part for the verification links: the result workflow (examples with a FaceID Return
 * Trigger) is activated first, as a user activates it, so that the links the send workflow creates
 * return to it; the test customers then act on the sandbox's page (scripts/testCustomers.ts) and
 * their browsers follow Tencent's redirect; the FaceID Trigger of the same workflow polls for the
 * one who never came back.
 */
import type { ICredentialDataDecryptedObject, INodeExecutionData, IWorkflowBase } from 'n8n-workflow';

import { triggerRunner, type TriggerRunner } from '../../test/harness';
import { webhookRunner, type WebhookRunner } from '../../test/harness/webhookTrigger';
import { pageChoice, TEST_CUSTOMERS } from '../testCustomers';

export const RETURN_TRIGGER_TYPE = 'n8n-nodes-tencent-faceid.faceIdReturnTrigger';
const POLL_TRIGGER_TYPE = 'n8n-nodes-tencent-faceid.faceIdTrigger';

type Types = Pick<Parameters<typeof triggerRunner>[2], 'nodeTypes' | 'credentialTypes'>;

export interface ActiveResultWorkflow {
	workflow: IWorkflowBase;
	returns: WebhookRunner;
	returnName: string;
	poll?: TriggerRunner;
	pollName?: string;
}

export function isResultWorkflow(workflow: IWorkflowBase): boolean {
	return workflow.nodes.some((node) => node.type === RETURN_TRIGGER_TYPE);
}

/** Activates the workflow's Return Trigger (its URL goes to the registry channel) and readies its poll. */
export async function activate(workflow: IWorkflowBase, credential: ICredentialDataDecryptedObject, types: Types): Promise<ActiveResultWorkflow> {
	const options = { credentials: { tencentCloudApi: credential }, ...types };
	const returnNode = workflow.nodes.find((node) => node.type === RETURN_TRIGGER_TYPE)!;
	const returns = await webhookRunner(workflow, returnNode.name, options);
	await returns.activate();
	const pollNode = workflow.nodes.find((node) => node.type === POLL_TRIGGER_TYPE);
	const poll = pollNode ? await triggerRunner(workflow, pollNode.name, options) : undefined;
	return { workflow, returns, returnName: returnNode.name, poll, pollName: pollNode?.name };
}

/** Each test customer on their link's page; a browser that follows the redirect lands on the Return Trigger. */
export async function actAsCustomers(links: INodeExecutionData[], log: (line: string) => void): Promise<void> {
	for (const link of links) {
		const reference = String(link.json.reference ?? '');
		const url = typeof link.json.verificationUrl === 'string' ? link.json.verificationUrl : undefined;
		const action = TEST_CUSTOMERS[reference];
		if (!url || !action) continue;
		await fetch(url);
		const answer = await fetch(url, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: `choice=${pageChoice(action)}`,
			// Who leaves closes the tab: the browser never comes back to n8n.
			redirect: action === 'leave' ? 'manual' : 'follow',
		});
		const landed = action === 'leave' ? 'closed the tab, never back' : `back at n8n, shown "${/<h1>([^<]*)<\/h1>/.exec(await answer.text())?.[1] ?? answer.status}"`;
		log(`  customer ${reference} ${action === 'leave' ? 'leaves' : `chooses ${action}`} → ${landed}`);
	}
}

/** Polls as an active workflow would, until `wanted` results have arrived or the deadline; the data of each emission. */
export async function pollUntil(active: ActiveResultWorkflow, wanted: number, deadlineMs: number, intervalMs: number): Promise<INodeExecutionData[][][]> {
	const emissions: INodeExecutionData[][][] = [];
	const deadline = Date.now() + deadlineMs;
	let got = 0;
	while (active.poll && got < wanted && Date.now() < deadline) {
		const data = await active.poll.tick();
		if (data) {
			emissions.push(data);
			got += data.flat().length;
		} else {
			await new Promise((resolve) => setTimeout(resolve, intervalMs));
		}
	}
	return emissions;
}
