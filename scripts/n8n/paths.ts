/** Where the dev and e2e tooling keeps n8n, user folders and logs: all under the ignored .cache/. */
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const CACHE_DIR = path.join(REPO_ROOT, '.cache');
export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');

/** The oldest n8n release the package supports: `npm run e2e` always tests it, and the README's screenshots come from it. */
export const OLDEST_SUPPORTED_N8N = '2.40.7';
/**
 * The newest 2.x release that installs from the registry this project can reach: 2.41.3 depends on
 * @n8n/agents@0.26.2, which the registry does not have.
 */
export const NEWEST_TESTED_N8N = '2.41.1';
/** What `npm run e2e` tests by default, oldest first. */
export const N8N_VERSIONS_TESTED: readonly string[] = [OLDEST_SUPPORTED_N8N, NEWEST_TESTED_N8N];
/** The release `npm run dev` runs. */
export const N8N_VERSION = NEWEST_TESTED_N8N;

/** One n8n release as the tooling installs it: each into its own folder, so that several persist side by side. */
export interface N8nRelease {
	version: string;
	/** .cache/n8n-<version> */
	dir: string;
	/** Its CLI, `node_modules/n8n/bin/n8n`. */
	bin: string;
}

export function n8nRelease(version: string = N8N_VERSION): N8nRelease {
	if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`"${version}" is not an n8n version (like ${NEWEST_TESTED_N8N})`);
	const dir = path.join(CACHE_DIR, `n8n-${version}`);
	return { version, dir, bin: path.join(dir, N8N_BIN_IN_FOLDER) };
}

/** The CLI inside an install folder. */
export const N8N_BIN_IN_FOLDER = path.join('node_modules', 'n8n', 'bin', 'n8n');

/** Before each release had its own folder, the one installed release lived here. */
export const LEGACY_N8N_INSTALL_DIR = path.join(CACHE_DIR, 'n8n');

export const PACKAGE_NAME = 'n8n-nodes-tencent-faceid';
/** n8n names a community package's types `<package>.<node name>`. */
export const FACEID_NODE_TYPE = `${PACKAGE_NAME}.faceId`;
export const CREDENTIAL_TYPE = 'tencentCloudApi';
/** The credential the example workflows reference. */
export const EXAMPLE_CREDENTIAL = { id: 'faceidSandbox01', name: 'FaceID sandbox' } as const;
