/**
 * The layout the contributors' guide ("Adding an action" in the README) promises: an action's
 * Tencent name is spelled only in its definition, its operation file and its sandbox answer file
 * (plus one line in each index); the trigger takes nothing from inside the FaceID node's folder;
 * operation and node files stay small; and the tests of an operation, of the trigger and of each
 * lib/ module are found from its file name.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { join, relative, resolve } from 'path';
import * as ts from 'typescript';

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

describe('tests are found from the file name of what they test', () => {
	/** `lib/x/y.ts` → `test/lib/x/y.test.ts`: the mirrored path. */
	const testOf = (file: string): string => `test/${file.replace(/\.ts$/, '.test.ts')}`;
	const TESTS = sourceFiles(join(ROOT, 'test')).filter((file) => file.endsWith('.test.ts'));

	/** Modules that declare what others implement, with nothing of their own to run a test against. */
	const DECLARATIONS: Readonly<Record<string, string>> = {
		'lib/tencent/pendingVerifications/registry/types.ts': "the registry protocol: its types and the list of its states",
		'lib/tencent/actions/common.ts': "what an action definition is: its types, the shared response schemas and defineAction's identity",
	};

	/** Statements that hold nothing to run: types, type imports, re-exports. */
	function statementsOf(file: string): ts.NodeArray<ts.Statement> {
		return ts.createSourceFile(file, text(file), ts.ScriptTarget.ES2022, false).statements;
	}
	const isTypeOnly = (file: string): boolean =>
		statementsOf(file).every(
			(statement) =>
				ts.isInterfaceDeclaration(statement) ||
				ts.isTypeAliasDeclaration(statement) ||
				(ts.isImportDeclaration(statement) && statement.importClause?.isTypeOnly === true) ||
				(ts.isExportDeclaration(statement) && statement.isTypeOnly),
		);
	/** A barrel re-exports other modules and nothing else (an index with code of its own needs a test). */
	const isBarrel = (file: string): boolean => statementsOf(file).every((statement) => ts.isExportDeclaration(statement) && statement.moduleSpecifier !== undefined);

	const DEFINITIONS = new Set(ACTIONS.map((action) => `lib/tencent/actions/${action.name}.ts`));
	const VERDICT_TABLE_TEST = 'test/lib/tencent/actions/verdicts.test.ts';

	const LIB_MODULES = FILES.filter((file) => file.startsWith('lib/tencent/'));
	const TESTED_LIB_MODULES = LIB_MODULES.filter((file) => !DECLARATIONS[file] && !DEFINITIONS.has(file) && !isTypeOnly(file) && !isBarrel(file));

	test('the modules left out are the ones with nothing to run, and they exist', () => {
		const typeOnly = LIB_MODULES.filter(isTypeOnly);
		const barrels = LIB_MODULES.filter(isBarrel);
		expect(typeOnly).toEqual(expect.arrayContaining(['lib/tencent/sleep.ts', 'lib/tencent/pendingVerifications/check.ts']));
		expect(barrels).toEqual(expect.arrayContaining(['lib/tencent/actions/index.ts']));
		// An index that does something of its own is tested like any module.
		expect(TESTED_LIB_MODULES).toEqual(
			expect.arrayContaining(['lib/tencent/pendingVerifications/registry/index.ts', 'lib/tencent/pendingVerifications/cardVerification/index.ts']),
		);
		for (const file of Object.keys(DECLARATIONS)) expect(FILES).toContain(file);
		for (const file of DEFINITIONS) expect(FILES).toContain(file);
		expect(TESTED_LIB_MODULES.length).toBeGreaterThan(25);
	});

	test('every lib/ module has its test at the mirrored path under test/lib/', () => {
		expect(TESTED_LIB_MODULES.filter((file) => !TESTS.includes(testOf(file)))).toEqual([]);
	});

	test('every action definition is checked by the one verdict table test, by name', () => {
		const tableTest = text(VERDICT_TABLE_TEST);
		const unchecked = ACTIONS.map((action) => action.name).filter((name) => !new RegExp(`\\b${name}\\b`).test(tableTest));
		expect(unchecked).toEqual([]);
	});

	test('every operation has its test: nodes/FaceId/actions/operations/<op>.operation.ts → test/nodes/…/<op>.operation.test.ts', () => {
		const operations = FILES.filter((file) => /^nodes\/FaceId\/actions\/operations\/[^/]+\.operation\.ts$/.test(file));
		expect(operations.length).toBeGreaterThanOrEqual(6);
		expect(operations.filter((file) => !TESTS.includes(testOf(file)))).toEqual([]);
	});

	test("the trigger node, its hand-over, and the FaceID node's router and item pipeline have their tests", () => {
		const files = [
			'nodes/FaceIdTrigger/FaceIdTrigger.node.ts',
			'nodes/FaceIdTrigger/handOver.ts',
			'nodes/FaceId/actions/router.ts',
			'nodes/FaceId/actions/runItem.ts',
		];
		for (const file of files) expect(FILES).toContain(file);
		expect(files.filter((file) => !TESTS.includes(testOf(file)))).toEqual([]);
	});

	test('no test under test/lib/ or test/nodes/ outlives its module: each mirrors a source file', () => {
		const mirrored = TESTS.filter((file) => file.startsWith('test/lib/') || file.startsWith('test/nodes/'));
		const orphans = mirrored.filter((file) => !existsSync(join(ROOT, file.replace(/^test\//, '').replace(/\.test\.ts$/, '.ts'))));
		expect(orphans).toEqual([]);
	});
});

describe('the repository speaks for itself', () => {
	/** Every file a reader of the repository reads: sources, tests, scripts, the benchmark and the docs. */
	const READABLE = [...['credentials', 'nodes', 'lib', 'sandbox', 'test', 'scripts', 'bench'].flatMap((folder) => sourceFiles(join(ROOT, folder))), 'README.md', 'sandbox/README.md'];

	test('no comment, test name or doc cites an issue number or a folder outside the repository', () => {
		expect(READABLE.length).toBeGreaterThan(200);
		// This file spells the patterns it looks for; everything else may not.
		const cited = READABLE.filter((file) => file !== 'test/package/structure.test.ts').flatMap((file) =>
			text(file)
				.split('\n')
				.filter((line) => /\bissues? #?\d+\b|\bshared\/(reference|seeds)\b|\/work\/|\.\.\/\.library\b/i.test(line))
				.map((line) => `${file}: ${line.trim()}`),
		);
		expect(cited).toEqual([]);
	});
});

describe('package.json, as n8n expects of a community package', () => {
	const manifest = JSON.parse(text('package.json')) as {
		main?: string;
		peerDependencies?: Record<string, string>;
		dependencies?: Record<string, string>;
		devDependencies?: Record<string, string>;
	};

	test('no `main` naming a file that does not exist', () => {
		if (manifest.main !== undefined) expect(existsSync(join(ROOT, manifest.main))).toBe(true);
	});

	test('peerDependencies exactly n8n-workflow "*"; zod, imported at run time, is n8n\'s own copy: neither bundled nor a dependency', () => {
		expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(Object.keys(manifest.dependencies ?? {})).toEqual(['ioredis']);
		expect(manifest.devDependencies).toHaveProperty('zod');
		// It is imported at run time (the definitions' schemas), only under lib/.
		expect(FILES.filter((file) => /from 'zod'/.test(text(file))).every((file) => file.startsWith('lib/'))).toBe(true);
		expect(FILES.some((file) => /from 'zod'/.test(text(file)))).toBe(true);
	});
});
