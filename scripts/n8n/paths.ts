/** Where the dev and e2e tooling keeps n8n, user folders and logs: all under the ignored .cache/. */
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const CACHE_DIR = path.join(REPO_ROOT, '.cache');
export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');

/** The n8n release the tooling runs. 2.41.x does not install from the registry this project can reach. */
export const N8N_VERSION = '2.40.7';
export const N8N_INSTALL_DIR = path.join(CACHE_DIR, 'n8n');
export const N8N_BIN = path.join(N8N_INSTALL_DIR, 'node_modules', 'n8n', 'bin', 'n8n');

export const PACKAGE_NAME = 'n8n-nodes-tencent-faceid';
/** n8n names a community package's types `<package>.<node name>`. */
export const FACEID_NODE_TYPE = `${PACKAGE_NAME}.faceId`;
export const CREDENTIAL_TYPE = 'tencentCloudApi';
/** The credential the example workflows reference. */
export const EXAMPLE_CREDENTIAL = { id: 'faceidSandbox01', name: 'FaceID sandbox' } as const;
