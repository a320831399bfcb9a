import { NodeOperationError, type IHookFunctions, type INodeType, type INodeTypeDescription, type IWebhookFunctions, type IWebhookResponseData } from 'n8n-workflow';

import { takeOverOnReturn } from '../../lib/tencent/pendingVerifications/customerReturn';
import {
	hostedCheckOfKind,
	hostedVerificationQueue,
	RETURN_URL_SETTING,
	tokenFromQuery,
} from '../../lib/tencent/pendingVerifications/hostedVerification';
import type { VerificationRegistry } from '../../lib/tencent/pendingVerifications/registry';
import { scrubText } from '../../lib/tencent/redact';
import { abortableSleep, resilientClient } from '../shared/client';
import { DeferredCommits } from '../shared/deferredCommits';
import { hostedResultItem, sampleHostedResult } from '../shared/hostedVerificationFields';
import { readNumberOption, RETURN_TIMEOUT } from '../shared/options';
import { routeItems } from '../shared/outputs';
import { readPrivacySettings } from '../shared/privacy';
import { openNodeRegistry, REDIS_CREDENTIAL_TEST, testRedisCredential } from '../shared/registryFields';
import { CREDENTIAL_TYPE } from '../shared/transport';
import { configuredAnswer, NOT_CONFIRMED, sendAnswer, UNKNOWN_TOKEN } from './customerPage';
import { faceIdReturnTriggerDescription } from './description';

/** The return's claim on a token: one result request with its retries, and the hand-over to n8n. */
const RETURN_LEASE_MS = 120_000;

/** A result is marked emitted this long after the webhook handed it to n8n (see deferredCommits.ts). */
const COMMIT_DELAY_MS = 1000;

const commits = new DeferredCommits();

async function openChannel(context: IHookFunctions | IWebhookFunctions): Promise<VerificationRegistry> {
	const registry = await openNodeRegistry(context, 0, hostedVerificationQueue);
	if (!registry) throw new NodeOperationError(context.getNode(), 'The FaceID Return Trigger needs a Pending Registry');
	return registry;
}

/** The registry channel learns this trigger's URL when the workflow is activated: Create Verification Link reads it there. */
async function withChannel<T>(context: IHookFunctions, work: (registry: VerificationRegistry, url: string) => Promise<T>, manual: T): Promise<T> {
	const url = context.getNodeWebhookUrl('default');
	// "Listen for test event" registers a test URL for a moment: it must not replace the active one.
	if (context.getActivationMode() === 'manual' || !url) return manual;
	const registry = await openChannel(context);
	try {
		return await work(registry, url);
	} finally {
		await registry.close();
	}
}

export class FaceIdReturnTrigger implements INodeType {
	description: INodeTypeDescription = {
		...faceIdReturnTriggerDescription,
		// Here: n8n resolves `file:` icons from this file's folder, and its lint reads these fields here.
		icon: { light: 'file:../../icons/faceid.svg', dark: 'file:../../icons/faceid.dark.svg' },
		subtitle: 'On customer return',
		credentials: [
			{ name: 'tencentCloudApi', required: true },
			{
				name: 'faceIdRegistryRedis',
				required: true,
				testedBy: 'faceIdRegistryRedisTest',
				displayOptions: { show: { registry: ['redis'] } },
			},
		],
	};

	methods = { credentialTest: { [REDIS_CREDENTIAL_TEST]: testRedisCredential } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await withChannel(this, async (registry, url) => (await registry.channelSetting(RETURN_URL_SETTING)) === url, true);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await withChannel(this, async (registry, url) => (await registry.setChannelSetting(RETURN_URL_SETTING, url), true), true);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				// Only its own URL: another workflow's trigger may have taken the channel since.
				return await withChannel(this, async (registry, url) => (await registry.setChannelSetting(RETURN_URL_SETTING, undefined, url), true), true);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		await commits.flush();
		const token = tokenFromQuery(this.getQueryData() as Record<string, unknown>);
		if (!token) {
			sendAnswer(this, UNKNOWN_TOKEN);
			return { noWebhookResponse: true };
		}
		const options = this.getNodeParameter('options', {}) as Record<string, unknown>;
		const routeByOutcome = this.getNodeParameter('routeByOutcome', true) as boolean;
		const credentials = await this.getCredentials(CREDENTIAL_TYPE);
		const privacy = await readPrivacySettings(this, { maskPersonalData: options.maskPersonalData === true }, credentials);
		const scrub = (error: unknown) => scrubText((error as Error).message ?? String(error), privacy.secrets);
		// "Listen for test event": a sample, so that testing never takes a real customer's result from the active workflow.
		if (this.getMode() === 'manual') {
			sendAnswer(this, configuredAnswer(this));
			return { noWebhookResponse: true, workflowData: routeItems([await hostedResultItem(this, sampleHostedResult(), privacy, 'FaceID Return Trigger')], routeByOutcome) };
		}
		// The customer is waiting: one retry of a request at most, within a short timeout; the poll does the rest.
		const timeoutMs = readNumberOption(options.timeout, RETURN_TIMEOUT) * 1000;
		const client = resilientClient(this, { maxRequestsPerSecond: 0, maxRetries: 1, retryPossiblyProcessed: true }, credentials);
		let registry: VerificationRegistry | undefined;
		try {
			registry = await openChannel(this);
			const delivery = await takeOverOnReturn({
				registry,
				token,
				checkOf: (kind) => hostedCheckOfKind(kind, client, { timeoutMs }),
				leaseMs: RETURN_LEASE_MS,
				retries: 1,
				retryDelayMs: 1000,
				sleep: abortableSleep,
			});
			if (delivery.kind === 'unknown') {
				sendAnswer(this, UNKNOWN_TOKEN);
				return { noWebhookResponse: true };
			}
			if (delivery.kind !== 'emit') {
				const why = delivery.kind === 'left-to-poll' ? scrubText(delivery.why, privacy.secrets) : 'emitted before';
				this.logger.info(`FaceID Return Trigger: a customer came back; the result is left to the FaceID Trigger (${why})`);
				sendAnswer(this, configuredAnswer(this));
				return { noWebhookResponse: true };
			}
			const item = await hostedResultItem(this, { record: delivery.record, result: delivery.result }, privacy, 'FaceID Return Trigger');
			sendAnswer(this, configuredAnswer(this));
			// Marked emitted a moment after n8n has it; if n8n stops before, the poll emits it after the lease (emission 2).
			const handedOver = registry;
			registry = undefined;
			commits.schedule(
				async () => {
					try {
						return (await delivery.commit()) ? 1 : 0;
					} finally {
						await handedOver.close();
					}
				},
				COMMIT_DELAY_MS,
				(error) => this.logger.error(`FaceID Return Trigger: could not mark a result as emitted; the FaceID Trigger will emit it again: ${scrub(error)}`),
			);
			return { noWebhookResponse: true, workflowData: routeItems([item], routeByOutcome) };
		} catch (error) {
			// The customer is not shown n8n's error: a real token stays in the registry, and the poll emits its result.
			this.logger.error(`FaceID Return Trigger: a customer's return could not be handled; the FaceID Trigger will emit the result: ${scrub(error)}`);
			sendAnswer(this, NOT_CONFIRMED);
			return { noWebhookResponse: true };
		} finally {
			await registry?.close();
		}
	}
}
