import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * The Redis that holds the FaceID pending-verification registry in queue mode and multi-main.
 * The package's own type: community packages may not reuse n8n's built-in `redis` credential
 * (n8n's rule no-credential-reuse). Tested by the nodes' `faceIdRegistryRedisTest` (a PING).
 */
export class FaceIdRegistryRedis implements ICredentialType {
	name = 'faceIdRegistryRedis';

	displayName = 'FaceID Registry Redis';

	icon: Icon = { light: 'file:../icons/tencentCloud.svg', dark: 'file:../icons/tencentCloud.dark.svg' };

	documentationUrl = 'https://redis.io/docs/latest/operate/oss_and_stack/management/security/acl/';

	properties: INodeProperties[] = [
		{
			displayName: 'Host',
			name: 'host',
			type: 'string',
			default: 'localhost',
			required: true,
		},
		{
			displayName: 'Port',
			name: 'port',
			type: 'number',
			default: 6379,
		},
		{
			displayName: 'Database Number',
			name: 'database',
			type: 'number',
			default: 0,
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			hint: 'Leave empty for Redis without ACL users (password only)',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'SSL',
			name: 'ssl',
			type: 'boolean',
			default: false,
			description: 'Whether to connect with TLS',
		},
	];
}
