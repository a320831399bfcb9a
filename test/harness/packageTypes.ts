import type { ICredentialType, INodeType, IVersionedNodeType } from 'n8n-workflow';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const PACKAGE_NAME = 'n8n-nodes-tencent-faceid';

/** Where this package's classes live, and the type names n8n gives them. */
const NODES = [
	{ file: 'nodes/FaceId/FaceId.node', className: 'FaceId', type: `${PACKAGE_NAME}.faceId` },
	{ file: 'nodes/FaceIdTrigger/FaceIdTrigger.node', className: 'FaceIdTrigger', type: `${PACKAGE_NAME}.faceIdTrigger` },
	{ file: 'nodes/FaceIdReturnTrigger/FaceIdReturnTrigger.node', className: 'FaceIdReturnTrigger', type: `${PACKAGE_NAME}.faceIdReturnTrigger` },
];
const CREDENTIALS = [
	{ file: 'credentials/TencentCloudApi.credentials', className: 'TencentCloudApi' },
	{ file: 'credentials/FaceIdRegistryRedis.credentials', className: 'FaceIdRegistryRedis' },
];

export interface PackageTypesOptions {
	/** '.' loads the TypeScript sources (jest, tsx); 'dist' the compiled build, as n8n would */
	root?: string;
}

export interface PackageTypes {
	nodeTypes: Record<string, INodeType | IVersionedNodeType>;
	credentialTypes: ICredentialType[];
}

/** The package's own node and credential, instantiated from their classes (required lazily). */
export function packageTypes({ root = '.' }: PackageTypesOptions = {}): PackageTypes {
	const base = resolve(__dirname, '../..', root);
	const nodeTypes: PackageTypes['nodeTypes'] = {};
	for (const { file, className, type } of NODES) {
		nodeTypes[type] = instantiate<INodeType | IVersionedNodeType>(join(base, file), className);
	}
	const credentialTypes = CREDENTIALS.map(({ file, className }) =>
		instantiate<ICredentialType>(join(base, file), className),
	);
	return { nodeTypes, credentialTypes };
}

function instantiate<T>(file: string, className: string): T {
	// Name the extension: bare 'FaceId.node' would resolve to the codex file FaceId.node.json.
	const modulePath = [`${file}.ts`, `${file}.js`].find((candidate) => existsSync(candidate));
	if (modulePath === undefined) throw new Error(`harness: neither ${file}.ts nor ${file}.js exists`);
	const exported = (require(modulePath) as Record<string, unknown>)[className];
	if (typeof exported !== 'function') {
		throw new Error(`harness: ${modulePath} does not export a class ${className}`);
	}
	return new (exported as new () => T)();
}
