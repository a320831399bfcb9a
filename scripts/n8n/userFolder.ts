/**
 * A fresh n8n user folder with this package installed the way n8n's Community Nodes screen installs
 * a package, the sandbox credential, and the example workflows.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { SANDBOX_CREDENTIALS } from '../../sandbox/server';
import type { N8nInstance } from './instance';
import { CREDENTIAL_TYPE, EXAMPLE_CREDENTIAL, EXAMPLES_DIR, PACKAGE_NAME, REPO_ROOT } from './paths';
import { cleanEnv, runChecked } from './processes';

/** `npm pack` of the built package (run `npm run build` first): the file a registry would serve. */
export async function packPackage(destination: string): Promise<string> {
	mkdirSync(destination, { recursive: true });
	const { stdout } = await runChecked('npm', ['pack', '--json', '--pack-destination', destination, '--loglevel=error'], {
		cwd: REPO_ROOT,
		timeoutMs: 120_000,
	});
	const [packed] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
	if (!packed.files.some((file) => file.path.startsWith('dist/nodes/'))) {
		throw new Error('npm pack produced a tarball without dist/nodes: run `npm run build` first');
	}
	return path.join(destination, packed.filename);
}

/**
 * What n8n does for Settings → Community Nodes → Install (community-packages.service.ts,
 * downloadPackage): unpack into `<folder>/.n8n/nodes/node_modules/<name>`, drop dev, peer and
 * optional dependencies, `npm install` the rest there, and list it in `nodes/package.json`.
 */
export async function installCommunityPackage(instance: N8nInstance, tarball: string): Promise<string> {
	const nodesDir = path.join(instance.dataDir, 'nodes');
	const packageDir = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	rmSync(packageDir, { recursive: true, force: true });
	mkdirSync(packageDir, { recursive: true });
	await runChecked('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1'], { timeoutMs: 60_000 });

	const manifestPath = path.join(packageDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...manifest } = JSON.parse(
		readFileSync(manifestPath, 'utf8'),
	) as Record<string, unknown>;
	void devDependencies;
	void peerDependencies;
	void optionalDependencies;
	writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
	await runChecked(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
			'--loglevel=error',
		],
		{ cwd: packageDir, env: cleanEnv(), timeoutMs: 300_000 },
	);
	writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [PACKAGE_NAME]: manifest.version } }, null, 2),
	);
	return packageDir;
}

/** Deletes and recreates a user folder, with the package installed from the tarball. */
export async function freshUserFolder(instance: N8nInstance, tarball: string): Promise<void> {
	rmSync(instance.options.userFolder, { recursive: true, force: true });
	mkdirSync(instance.dataDir, { recursive: true });
	await installCommunityPackage(instance, tarball);
}

/** The credential the examples use (`faceidSandbox01`), pointed at a sandbox. */
export function sandboxCredential(sandboxUrl: string): Record<string, unknown> {
	return {
		id: EXAMPLE_CREDENTIAL.id,
		name: EXAMPLE_CREDENTIAL.name,
		type: CREDENTIAL_TYPE,
		data: {
			...SANDBOX_CREDENTIALS,
			sessionToken: '',
			site: 'international',
			region: '',
			language: 'en-US',
			endpoint: sandboxUrl,
		},
	};
}

export async function importCredentials(instance: N8nInstance, credentials: Array<Record<string, unknown>>, workDir: string): Promise<void> {
	const file = path.join(workDir, 'credentials.json');
	writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
	try {
		await instance.cli(['import:credentials', `--input=${file}`]);
	} finally {
		// The file holds keys in clear: keep it no longer than the import.
		rmSync(file, { force: true });
	}
}

export interface ExampleWorkflow {
	/** File name in examples/. */
	file: string;
	/** The workflow id in n8n: the file's own, or one derived from its name. */
	id: string;
	name: string;
	json: ExampleJson;
}

export interface ExampleNode {
	name: string;
	type: string;
	parameters?: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	disabled?: boolean;
}

export interface ExampleJson {
	id?: string;
	name?: string;
	nodes: ExampleNode[];
	connections: Record<string, { main?: Array<Array<{ node: string; type: string; index: number }> | null> }>;
	[key: string]: unknown;
}

/** Every workflow in examples/, in file-name order. */
export function readExamples(): ExampleWorkflow[] {
	return readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			const json = JSON.parse(readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) as ExampleJson;
			if (!Array.isArray(json.nodes) || typeof json.connections !== 'object') {
				throw new Error(`examples/${file} is not a workflow (needs nodes and connections)`);
			}
			return { file, id: json.id ?? workflowIdFor(file), name: json.name ?? file, json };
		});
}

/** n8n ids are 16 letters and digits; one per file name keeps re-imports idempotent. */
export function workflowIdFor(file: string): string {
	return `ex${createHash('sha256').update(file).digest('hex').slice(0, 14)}`;
}

/** Imports the workflows with their ids set, as one file each. */
export async function importWorkflows(instance: N8nInstance, workflows: ExampleWorkflow[], workDir: string): Promise<void> {
	const dir = path.join(workDir, 'workflows');
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	for (const workflow of workflows) {
		writeFileSync(path.join(dir, workflow.file), JSON.stringify({ ...workflow.json, id: workflow.id, active: false }, null, 2));
	}
	await instance.cli(['import:workflow', '--separate', `--input=${dir}`]);
}
