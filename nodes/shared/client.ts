/**
 * The resilient client (lib/tencent/resilientClient.ts) as both nodes build it: n8n's transport
 * and `sleep`, the execution's cancel signal, n8n's logger.
 */
import { sleep, type ICredentialDataDecryptedObject, type IExecuteFunctions, type IPollFunctions, type IWebhookFunctions } from 'n8n-workflow';

import { deploymentPacing } from '../../lib/tencent/rateLimit/accountPacing';
import { ResilientClient, type ResilienceSettings } from '../../lib/tencent/resilientClient';
import { n8nTransport } from './transport';

/** Longest single timer: a cancelled execution is noticed within this. */
const SLEEP_SLICE_MS = 250;

/** n8n's `sleep` that gives up when the signal aborts (n8n-workflow 2.41 has no sleepWithAbort). */
export async function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
	const end = Date.now() + ms;
	for (let remaining = ms; remaining > 0; remaining = end - Date.now()) {
		if (signal?.aborted) throw new Error('The execution was cancelled while waiting to call Tencent Cloud');
		await sleep(Math.min(remaining, SLEEP_SLICE_MS));
		if (ms <= SLEEP_SLICE_MS) break;
	}
	if (signal?.aborted) throw new Error('The execution was cancelled while waiting to call Tencent Cloud');
}

/**
 * The client for one execution of the node, or one poll of the trigger. Its requests count against
 * the credential's account: every execution and trigger of that SecretId pace together, in this
 * n8n process, or in queue mode across the main instance and all workers (through n8n's Redis).
 */
export function resilientClient(
	context: IExecuteFunctions | IPollFunctions | IWebhookFunctions,
	settings: Omit<ResilienceSettings, 'account'>,
	credentials: ICredentialDataDecryptedObject,
): ResilientClient {
	const signal = 'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
	const account = typeof credentials.secretId === 'string' && credentials.secretId.trim() ? credentials.secretId.trim() : undefined;
	return new ResilientClient({ ...settings, account }, {
		transport: (timestamp) => n8nTransport(context, { timestamp, credentials }),
		sleep: abortableSleep,
		pacing: deploymentPacing(process.env, context.logger, process.argv),
		signal,
		debug: (message) => context.logger.debug(message),
	});
}
