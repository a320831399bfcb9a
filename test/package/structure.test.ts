/**
 * The layout the contributors' guide ("Adding an action" in the README) promises: an action's
 * Tencent name is spelled only in its definition, its operation file and its sandbox answer file
 * (plus one line in each index); the trigger takes nothing from inside the FaceID node's folder;
 * operation and node files stay small.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative, resolve } from 'path';

import { ACTIONS } from '../../lib/tencent/catalogue';

const ROOT = resolve(__dirname, '../..');
const SOURCE_FOLDERS = ['credentials', 'nodes', 'lib', 'sandbox'];

function sourceFiles(folder: string): string[] {
	return readdirSync(folder).flatMap((name) => {
		const path = join(folder, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return path.endsWith('.ts') ? [relative(ROOT, path)] : [];
	});
}

const FILES = SOURCE_FOLDERS.flatMap((folder) => sourceFiles(join(ROOT, folder)));
const text = (file: string): string => readFileSync(join(ROOT, file), 'utf8');
/** The source without its module paths: a path to a definition's file is how the definition is imported. */
const spelled = (file: string): string => text(file).replace(/from '[^']*'/g, "from ''");

/** The indexes, where each action may take exactly one line. */
const INDEXES = ['lib/tencent/actions/index.ts', 'sandbox/actions/index.ts'];

describe.each(ACTIONS.map((action) => action.name))('%s', (name) => {
	const word = new RegExp(`\\b${name}\\b`);
	const allowed = (file: string): boolean =>
		file === `lib/tencent/actions/${name}.ts` ||
		file === `sandbox/actions/${name}.ts` ||
		/^nodes\/FaceId\/actions\/operations\/[^/]+\.operation\.ts$/.test(file);

	test('is spelled only in its definition, its operation file and its sandbox answer file', () => {
		const elsewhere = FILES.filter((file) => !allowed(file) && !INDEXES.includes(file) && word.test(spelled(file)));
		expect(elsewhere).toEqual([]);
	});

	test('takes one line in each index', () => {
		for (const index of INDEXES) expect(text(index).split('\n').filter((line) => word.test(line))).toHaveLength(1);
	});

	test('has a definition and a sandbox answer file', () => {
		expect(FILES).toContain(`lib/tencent/actions/${name}.ts`);
		expect(FILES).toContain(`sandbox/actions/${name}.ts`);
	});
});

test('the trigger imports nothing from inside the FaceID node folder', () => {
	const triggerFiles = FILES.filter((file) => file.startsWith('nodes/FaceIdTrigger/'));
	expect(triggerFiles.length).toBeGreaterThan(0);
	for (const file of triggerFiles) expect(text(file)).not.toMatch(/from '\.\.\/FaceId\//);
});

test('lib/ imports nothing of n8n or of the nodes', () => {
	for (const file of FILES.filter((candidate) => candidate.startsWith('lib/'))) {
		expect([file, /from '(n8n-workflow|n8n-core)'|from '(\.\.\/)+nodes\//.test(text(file))]).toEqual([file, false]);
	}
});

test('every operation file and both node files are under 200 lines', () => {
	const checked = FILES.filter((file) => file.endsWith('.operation.ts') || file.endsWith('.node.ts'));
	expect(checked.length).toBeGreaterThanOrEqual(8);
	for (const file of checked) expect([file, text(file).split('\n').length < 200]).toEqual([file, true]);
});
