/**
 * What `npm pack` would publish: the built credential, nodes and icons that package.json's `n8n`
 * block and the `file:` icon paths point at — and no tests, sources or tooling.
 */
import { execFileSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import path from 'path';

const root = path.resolve(__dirname, '..', '..');

interface PackFile {
	path: string;
}

function packedFiles(): string[] {
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
	const [report] = JSON.parse(out) as Array<{ files: PackFile[] }>;
	return report.files.map((file) => file.path).sort();
}

describe('npm pack', () => {
	let files: string[];
	beforeAll(() => {
		if (!existsSync(path.join(root, 'dist'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
		files = packedFiles();
	});

	it('holds every node and credential listed in package.json', () => {
		const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
			n8n: { nodes: string[]; credentials: string[] };
		};
		const listed = [...manifest.n8n.nodes, ...manifest.n8n.credentials];
		expect(listed.length).toBeGreaterThanOrEqual(2);
		for (const file of listed) expect(files).toContain(file);
	});

	it('holds the icons the node and credential reference, light and dark', () => {
		// n8n resolves `file:` icons against the directory of the file that declares the node or credential.
		const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
			n8n: { nodes: string[]; credentials: string[] };
		};
		const icons = [...manifest.n8n.nodes, ...manifest.n8n.credentials].flatMap((file) => {
			const exported = require(path.join(root, file)) as Record<string, new () => { icon?: unknown; description?: { icon?: unknown } }>;
			const instance = new (Object.values(exported)[0])();
			const icon = (instance.description?.icon ?? instance.icon) as { light: string; dark: string };
			return [icon.light, icon.dark].map((ref) => path.posix.join(path.posix.dirname(file), ref.replace(/^file:/, '')));
		});
		expect(icons.length).toBe(2 * (manifest.n8n.nodes.length + manifest.n8n.credentials.length));
		for (const icon of icons) expect(files).toContain(icon);
	});

	it('holds the codex file next to each node', () => {
		const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };
		for (const node of manifest.n8n.nodes) expect(files).toContain(node.replace(/\.js$/, '.json'));
	});

	it('holds no tests, TypeScript sources, sandbox or tooling', () => {
		const unwanted = files.filter(
			(file) =>
				/(^|\/)(test|sandbox|scripts|tools|bench|examples)\//.test(file) ||
				/\.test\.|\.spec\./.test(file) ||
				(/\.ts$/.test(file) && !/\.d\.ts$/.test(file)),
		);
		expect(unwanted).toEqual([]);
	});
});
