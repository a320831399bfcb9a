import { NodeOperationError, type ICredentialDataDecryptedObject, type INodeExecutionData, type INodeType, type INodeTypeDescription, type IPollFunctions } from 'n8n-workflow';

import { hintForErrorCode } from '../../lib/tencent/errorHints';
import { runPollTick } from '../../lib/tencent/pendingVerifications/poller';
import { resilientClient } from '../shared/client';
import { itemError, scrubError } from '../shared/errors';
import { NODE_NUMBER_OPTIONS, readTriggerOptions } from '../shared/options';
import { routeItems } from '../shared/outputs';
import { readPrivacySettings } from '../shared/privacy';
import { CREDENTIAL_TYPE } from '../shared/transport';
import { openNodeRegistry, REDIS_CREDENTIAL_TEST, testRedisCredential } from '../shared/registryFields';
import { faceIdTriggerDescription } from './description';
import { triggerEvent, type TriggerEvent } from './events';
import { DeferredCommits } from '../shared/deferredCommits';
import { watchHandOver } from './handOver';

/** n8n's poll budget when the instance does not say (n8n before 2.40): its own default. */
const DEFAULT_POLL_BUDGET_MS = 5 * 60_000;

/** Commits of emitted results, run a moment after each poll returned (see handOver.ts). */
const commits = new DeferredCommits();

export class FaceIdTrigger implements INodeType {
	description: INodeTypeDescription = {
		...faceIdTriggerDescription,
		// Here: n8n resolves `file:` icons from this file's folder, and its lint reads these fields here.
		icon: { light: 'file:../../icons/faceid.svg', dark: 'file:../../icons/faceid.dark.svg' },
		subtitle: '={{ $parameter.event === "hostedVerificationResult" ? "On hosted verification result" : "On document verification result" }}',
		credentials: [
			{ name: 'tencentCloudApi', required: true },
			{
				// Literals: n8n's lint (credential-test-required) reads the name and testedBy from the source.
				// A Redis connection, not an HTTP API: no `Api` suffix.
				name: 'faceIdRegistryRedis',
				required: true,
				testedBy: 'faceIdRegistryRedisTest',
				displayOptions: { show: { registry: ['redis'] } },
			},
		],
	};

	methods = { credentialTest: { [REDIS_CREDENTIAL_TEST]: testRedisCredential } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const routeByOutcome = this.getNodeParameter('routeByOutcome', true) as boolean;
		const event = triggerEvent(this.getNodeParameter('event', 'cardVerificationResult'));
		const options = readTriggerOptions(this);
		const credentials = await this.getCredentials(CREDENTIAL_TYPE);
		const privacy = await readPrivacySettings(this, options, credentials);
		try {
			// "Fetch Test Event" must not consume real results: those belong to the active workflow.
			if (this.getMode() === 'manual') return routeItems([await event.item(this, event.sample(), privacy)], routeByOutcome);
			return await pollRegistry(this, event, options, privacy, credentials, routeByOutcome);
		} catch (error) {
			// Before n8n shows, stores or logs it: no secret, full ID number or photo in any part of it.
			throw scrubError(itemError(this, error, 0), privacy.secrets);
		}
	}
}

async function pollRegistry(
	context: IPollFunctions,
	event: TriggerEvent,
	options: ReturnType<typeof readTriggerOptions>,
	privacy: Awaited<ReturnType<typeof readPrivacySettings>>,
	credentials: ICredentialDataDecryptedObject,
	routeByOutcome: boolean,
): Promise<INodeExecutionData[][] | null> {
	const timeoutMs = options.timeout * 1000;
	const leaseMs = options.leaseSeconds * 1000;
	const logError = (error: unknown) =>
		context.logger.error(`FaceID Trigger: could not mark emitted results as done; they will be emitted again: ${(error as Error).message}`);
	await commits.flush(logError);

	const registry = await openNodeRegistry(context, 0, event.queueOf);
	if (!registry) throw new NodeOperationError(context.getNode(), 'The FaceID Trigger needs a Pending Registry');
	let keepOpen = false;
	try {
		// The same pacing and retries as the node. Result requests are free, so a request Tencent may
		// have processed is asked again too.
		const settings = { maxRequestsPerSecond: 0, maxRetries: NODE_NUMBER_OPTIONS.maxRetries.default, retryPossiblyProcessed: true };
		const client = resilientClient(context, settings, credentials);
		const checkOf = (kind: string) => {
			const check = event.checkOf(kind, client, timeoutMs);
			if (!check) throw new NodeOperationError(context.getNode(), `The registry holds a token of an unknown kind "${kind}"`);
			return check;
		};
		const report = await runPollTick({
			registry,
			checkOf,
			interrupted: event.interrupted,
			budgetMs: typeof context.getPollBudgetMs === 'function' ? context.getPollBudgetMs() : DEFAULT_POLL_BUDGET_MS,
			requestTimeoutMs: timeoutMs,
			concurrency: options.concurrency,
			pollLeaseMs: leaseMs,
			emitLeaseMs: leaseMs,
			maxResults: options.maxResults,
			retentionMs: options.retentionDays * 86_400_000,
		});
		if (report.configurationError) {
			const error = report.configurationError;
			if (report.emitted.length === 0) {
				throw new NodeOperationError(context.getNode(), `Tencent refused the result requests: ${error.code}: ${error.message}`, {
					description: hintForErrorCode(error.code),
				});
			}
			context.logger.error(`FaceID Trigger: Tencent refused the result requests (${error.code}); emitting the results already finished`);
		}
		if (report.emitted.length === 0) return null;

		const items: INodeExecutionData[] = [];
		for (const emitted of report.emitted) items.push(await event.item(context, emitted, privacy));
		// The registry stays open until the commit has run.
		keepOpen = true;
		const handedOver = watchHandOver(context);
		commits.schedule(
			async () => {
				try {
					if (handedOver()) return await report.commit();
					context.logger.warn(`FaceID Trigger: n8n did not take ${items.length} result(s); they will be emitted again after the lease`);
					return 0;
				} finally {
					await registry.close();
				}
			},
			options.commitDelaySeconds * 1000,
			logError,
		);
		return routeItems(items, routeByOutcome);
	} finally {
		if (!keepOpen) await registry.close();
	}
}
