/**
 * The pending-verification registry as both nodes configure it: the FaceID node's Apply step
 * writes tokens into it, the FaceID Trigger reads them. Same fields, same defaults, so one
 * instance's Apply and trigger meet without configuration.
 */
import {
	NodeOperationError,
	type ICredentialTestFunctions,
	type ICredentialsDecrypted,
	type IExecuteFunctions,
	type IHookFunctions,
	type INodeCredentialTestResult,
	type INodeProperties,
	type IPollFunctions,
	type IWebhookFunctions,
} from 'n8n-workflow';

import {
	DEFAULT_QUEUE,
	DEFAULT_REDIS_KEY_PREFIX,
	defaultRegistryFile,
	openRegistry,
	type RedisConnectionOptions,
	type RegistryConfig,
	type VerificationRegistry,
} from '../../lib/tencent/pendingVerifications/registry';
import { connectRedis } from '../../lib/tencent/pendingVerifications/registry/redisStore';

export const REDIS_CREDENTIAL_TYPE = 'faceIdRegistryRedis';
export const REDIS_CREDENTIAL_TEST = 'faceIdRegistryRedisTest';

export type RegistryChoice = 'embedded' | 'redis' | 'none';

/**
 * The registry fields. `allowNone`: the Apply step may keep the token only in its output item;
 * the trigger always needs a registry.
 */
export function registryProperties(options: { allowNone: boolean }): INodeProperties[] {
	const stores = ['embedded', 'redis'];
	return [
		{
			displayName: 'Pending Registry',
			name: 'registry',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Embedded (SQLite File in the N8n Folder)',
					value: 'embedded',
					description: 'One n8n instance (regular mode): no extra infrastructure',
				},
				{
					name: 'Redis',
					value: 'redis',
					description: 'Queue mode or multi-main: workers and the main instance share it',
				},
				...(options.allowNone
					? [{ name: 'None (Token Only in the Output)', value: 'none', description: 'No hand-off to the FaceID Trigger' }]
					: []),
			],
			default: 'embedded',
			description:
				'Where tokens wait for their result, so the FaceID Trigger can emit it later and a token survives a restart. The Apply step and the trigger must use the same registry and channel.',
		},
		{
			displayName: 'Registry Channel',
			name: 'registryChannel',
			type: 'string',
			default: DEFAULT_QUEUE,
			displayOptions: { show: { registry: stores } },
			description:
				'Tokens registered on a channel are emitted by the trigger of that channel. Two active triggers on one channel share its results (each result goes to one of them).',
		},
		{
			displayName: 'Registry File',
			name: 'registryFile',
			type: 'string',
			default: '',
			placeholder: '~/.n8n/tencent-faceid/card-verifications.sqlite',
			displayOptions: { show: { registry: ['embedded'] } },
			description:
				"Leave empty for the file in n8n's user folder (N8N_USER_FOLDER/.n8n). Set the same path on the Apply step and the trigger if you change it.",
		},
		{
			displayName: 'Redis Key Prefix',
			name: 'redisKeyPrefix',
			type: 'string',
			default: DEFAULT_REDIS_KEY_PREFIX,
			displayOptions: { show: { registry: ['redis'] } },
			description: 'Prefix of every key the registry writes, to share a Redis database with other users',
		},
	];
}

type NodeContext = IExecuteFunctions | IPollFunctions | IWebhookFunctions | IHookFunctions;

function parameter<T>(context: NodeContext, name: string, itemIndex: number, fallback: T): T {
	// Only an execution has items; the trigger contexts' getNodeParameter has no item index.
	return ('getInputData' in context
		? (context as IExecuteFunctions).getNodeParameter(name, itemIndex, fallback)
		: (context as IPollFunctions).getNodeParameter(name, fallback)) as T;
}

/** Which queue of the channel a caller uses: the document tokens' (the channel itself), or another (hosted links'). */
export type QueueOfChannel = (channel: string) => string;

export function redisConnectionFromCredential(credential: Record<string, unknown>): RedisConnectionOptions {
	return {
		host: String(credential.host ?? 'localhost').trim() || 'localhost',
		port: Number(credential.port) || 6379,
		database: Number(credential.database) || 0,
		user: String(credential.user ?? '').trim() || undefined,
		password: String(credential.password ?? '') || undefined,
		tls: credential.ssl === true,
	};
}

/** The registry choice and where it lives; undefined for "None". Throws for a setup that would lose tokens. */
export async function readRegistryConfig(
	context: NodeContext,
	itemIndex = 0,
	queueOf: QueueOfChannel = (channel) => channel,
): Promise<RegistryConfig | undefined> {
	const choice = parameter<RegistryChoice>(context, 'registry', itemIndex, 'embedded');
	if (choice === 'none') return undefined;
	const channel = String(parameter(context, 'registryChannel', itemIndex, DEFAULT_QUEUE)).trim() || DEFAULT_QUEUE;
	// A channel's own queues are named `<channel>:<kind>`: a ':' in a channel name could meet another's.
	if (channel.includes(':')) {
		throw new NodeOperationError(context.getNode(), `Registry Channel "${channel}" must not contain ":"`, { itemIndex });
	}
	const queue = queueOf(channel);
	if (choice === 'redis') {
		const credential = await context.getCredentials(REDIS_CREDENTIAL_TYPE, itemIndex);
		return {
			store: 'redis',
			connection: redisConnectionFromCredential(credential),
			keyPrefix: String(parameter(context, 'redisKeyPrefix', itemIndex, DEFAULT_REDIS_KEY_PREFIX)),
			queue,
		};
	}
	// In queue mode Apply runs on workers, each with its own disk: the trigger would never see the file.
	if (process.env.EXECUTIONS_MODE === 'queue') {
		throw new NodeOperationError(
			context.getNode(),
			'The embedded registry is a file on one machine, but this n8n runs in queue mode: choose Redis as Pending Registry so that workers and the main instance share it',
		);
	}
	const file = String(parameter(context, 'registryFile', itemIndex, '')).trim();
	return { store: 'embedded', file: file ? file.replace(/^~(?=\/)/, process.env.HOME ?? '~') : defaultRegistryFile(), queue };
}

/** Opens the configured registry; undefined for "None". Connection problems name the registry. */
export async function openNodeRegistry(
	context: NodeContext,
	itemIndex = 0,
	queueOf?: QueueOfChannel,
): Promise<VerificationRegistry | undefined> {
	const config = await readRegistryConfig(context, itemIndex, queueOf);
	if (!config) return undefined;
	try {
		return await openRegistry(config);
	} catch (error) {
		throw new NodeOperationError(
			context.getNode(),
			`Pending Registry (${config.store === 'embedded' ? config.file : 'Redis'}) could not be opened: ${(error as Error).message}`,
			{ itemIndex },
		);
	}
}

/** Credential test for the Redis credential: connects and sends PING. */
export async function testRedisCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	try {
		const client = await connectRedis(redisConnectionFromCredential(credential.data ?? {}));
		try {
			await client.ping();
		} finally {
			client.disconnect();
		}
		return { status: 'OK', message: 'Connected to Redis' };
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
}
