/**
 * What the running n8n made of the installed package: every node and credential that package.json
 * lists is known to the editor, each node carries the codex (categories, documentation) of its
 * `.node.json`, and every icon URL the editor will request answers with an SVG or PNG.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { PACKAGE_NAME, REPO_ROOT } from '../n8n/paths';
import type { N8nRest } from '../n8n/rest';
import type { E2eContext } from './context';

interface TypeDescription {
	name: string;
	displayName?: string;
	iconUrl?: string | { light: string; dark: string };
	codex?: { categories?: string[]; resources?: { primaryDocumentation?: Array<{ url: string }> } };
}

interface Manifest {
	n8n: { nodes: string[]; credentials?: string[] };
}

export async function checkPackageLoaded(ctx: E2eContext, baseUrl: string, rest: N8nRest): Promise<void> {
	const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;
	const nodeTypes = await rest.request<TypeDescription[]>('GET', '/types/nodes.json');
	const credentialTypes = await rest.request<TypeDescription[]>('GET', '/types/credentials.json');
	const problems: string[] = [];
	const found: string[] = [];

	for (const file of manifest.n8n.nodes) {
		const name = describedName(file, 'description');
		const type = `${PACKAGE_NAME}.${name}`;
		const loaded = nodeTypes.find((candidate) => candidate.name === type);
		if (!loaded) {
			problems.push(`n8n does not know the node ${type} (${file})`);
			continue;
		}
		found.push(loaded.displayName ?? type);
		const codex = JSON.parse(readFileSync(path.join(REPO_ROOT, file.replace(/\.js$/, '.json')), 'utf8')) as TypeDescription['codex'] & { node?: string };
		if (codex?.node !== type) problems.push(`${file.replace(/\.js$/, '.json')}: "node" is ${codex?.node}, n8n calls the node ${type}`);
		if (JSON.stringify(loaded.codex?.categories ?? []) !== JSON.stringify(codex?.categories ?? [])) {
			problems.push(`${type}: n8n shows categories ${JSON.stringify(loaded.codex?.categories)}, the codex says ${JSON.stringify(codex?.categories)}`);
		}
		if (!loaded.codex?.resources?.primaryDocumentation?.length) problems.push(`${type}: no documentation link in n8n's codex`);
		problems.push(...(await iconProblems(baseUrl, rest, type, loaded.iconUrl)));
	}
	for (const file of manifest.n8n.credentials ?? []) {
		const name = describedName(file, 'name');
		const loaded = credentialTypes.find((candidate) => candidate.name === name);
		if (!loaded) {
			problems.push(`n8n does not know the credential ${name} (${file})`);
			continue;
		}
		found.push(loaded.displayName ?? name);
		problems.push(...(await iconProblems(baseUrl, rest, name, loaded.iconUrl)));
	}
	ctx.report.line(`n8n loaded: ${found.join(', ')}`, 2);
	ctx.report.check('regular: n8n lists every node and credential of package.json, with codex and icons', problems, 2);
}

/** The node's `description.name` or the credential's `name`, read from the built class. */
function describedName(file: string, property: 'description' | 'name'): string {
	const exported = require(path.join(REPO_ROOT, file)) as Record<string, new () => { description?: { name: string }; name?: string }>;
	const instance = new (Object.values(exported)[0])();
	const name = property === 'description' ? instance.description?.name : instance.name;
	if (!name) throw new Error(`${file} exports no ${property === 'description' ? 'node description' : 'credential name'}`);
	return name;
}

async function iconProblems(baseUrl: string, rest: N8nRest, type: string, iconUrl: TypeDescription['iconUrl']): Promise<string[]> {
	if (!iconUrl) return [`${type}: n8n has no icon URL for it`];
	const urls = typeof iconUrl === 'string' ? [iconUrl] : [iconUrl.light, iconUrl.dark];
	const problems: string[] = [];
	for (const url of urls) {
		const response = await fetch(new URL(url, `${baseUrl}/`), { headers: { cookie: `n8n-auth=${rest.cookie ?? ''}` } });
		const contentType = response.headers.get('content-type') ?? '';
		if (!response.ok || !/image\/(svg\+xml|png)/.test(contentType)) {
			problems.push(`${type}: icon ${url} answered HTTP ${response.status} ${contentType}`);
		}
	}
	return problems;
}
