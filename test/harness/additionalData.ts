import type { ExecutionLifecycleHooks } from 'n8n-core';
import type { ICredentialsHelper, IWorkflowExecuteAdditionalData } from 'n8n-workflow';

const unsupported = (what: string) => (): never => {
	throw new Error(`harness: ${what} is not supported by the test harness`);
};

/**
 * What WorkflowExecute and the node contexts of n8n-core 2.41 read from additionalData.
 * Optional members they probe are present as `undefined`, so that "feature absent" is
 * the answer; anything else is a member this list does not know, and touching it throws
 * (n8n's own harness uses a jest-mock-extended mock, which would answer with a mock fn).
 */
export function createAdditionalData(
	hooks: ExecutionLifecycleHooks,
	credentialsHelper: ICredentialsHelper,
	executionId: string,
): IWorkflowExecuteAdditionalData {
	const base: IWorkflowExecuteAdditionalData = {
		hooks,
		credentialsHelper,
		executionId,
		currentNodeExecutionIndex: 0,
		variables: {},
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formBaseUrl: 'http://localhost:5678/form',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		formTestBaseUrl: 'http://localhost:5678/form-test',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		mcpBaseUrl: 'http://localhost:5678/mcp',
		mcpTestBaseUrl: 'http://localhost:5678/mcp-test',
		// `$secrets` in expressions: no external secrets store here
		externalSecretsProxy: new Proxy({} as IWorkflowExecuteAdditionalData['externalSecretsProxy'], {
			get: (_t, key) => (typeof key === 'symbol' ? undefined : unsupported(`external secrets (${key})`)),
		}),
		executeWorkflow: unsupported('executeWorkflow (sub-workflows)'),
		getRunExecutionData: unsupported('getRunExecutionData'),
		getRuntimeCredential: unsupported('getRuntimeCredential'),
		startRunnerTask: unsupported('startRunnerTask (task runners, Code node)'),
		logAiEvent: () => {},
		// probed as optional by n8n-core: absent means the feature is off
		currentNodeParameters: undefined,
		currentNodeUsedDynamicCredentials: undefined,
		currentNodeAttemptedDynamicCredentials: undefined,
		dynamicCredentialsResolvedUserId: undefined,
		executionContext: undefined,
		executionTimeoutTimestamp: undefined,
		evalLlmMockHandler: undefined,
		evaluationRunId: undefined,
		encryptedRunnerIdentity: undefined,
		externalSecretProviderKeysAccessibleByCredential: undefined,
		restartExecutionId: undefined,
		rootExecutionMode: undefined,
		userId: undefined,
		workflowId: undefined,
		projectId: undefined,
		dataTableProjectId: undefined,
		workflowSettings: undefined,
		httpRequest: undefined,
		httpResponse: undefined,
		streamingEnabled: undefined,
		ssrfBridge: undefined,
		otel: undefined,
		parentCallbackManager: undefined,
		setExecutionStatus: undefined,
		sendDataToUI: undefined,
		executeAgent: undefined,
		listAgents: undefined,
		logHitlResponse: undefined,
		getRunnerStatus: undefined,
		getUserById: undefined,
		validateCookieAuth: undefined,
		beginN8nOAuth2Flow: undefined,
		completeN8nOAuth2Flow: undefined,
		refreshN8nOAuth2Flow: undefined,
		validateN8nOAuth2Token: undefined,
		establishTriggerIdentity: undefined,
		checkTriggerCredentialStatus: undefined,
		'data-table': undefined,
		'dynamic-credentials': undefined,
		'oauth-jwe': undefined,
	};
	return new Proxy(base, {
		get(target, key, receiver) {
			// symbols and `then` are asked by await / inspection, not by n8n
			if (typeof key === 'symbol' || key === 'then' || key === 'toJSON' || key in target) {
				return Reflect.get(target, key, receiver) as unknown;
			}
			throw new Error(
				`harness: n8n read additionalData.${key}, which the harness does not provide ` +
					'(add it in test/harness/additionalData.ts)',
			);
		},
	});
}
