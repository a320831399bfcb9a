/**
 * The README's table of operations says what the package does: one row per operation, under its
 * resource, with the Tencent action, the sites that offer it, and — for the actions whose verdict
 * is a numbered `Result` — every code in the column of the output it leaves by.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

import { OUTCOME_TABLES } from '../../lib/tencent/catalogue';
import { OPERATIONS } from '../../nodes/FaceId/actions/operations';
import { RESOURCES } from '../../nodes/FaceId/actions/resources';
import { isFlowOperation, sitesOf } from '../../nodes/FaceId/actions/types';

const README = readFileSync(join(__dirname, '../../README.md'), 'utf8');
const SITE_LABELS = { china: 'China', international: 'International' } as const;

/** The rows of the table under "### Operations", as cells. */
function operationRows(): string[][] {
	const lines = README.slice(README.indexOf('### Operations')).split('\n');
	const first = lines.findIndex((line) => line.startsWith('|'));
	const end = lines.findIndex((line, index) => index > first && !line.startsWith('|'));
	// The header and the |---| line are not operations.
	return lines.slice(first + 2, end).map((line) => line.slice(2, -2).split(' | '));
}

/** The numbered codes a cell lists: `-1`, and ranges `-2`…`-7`. */
function codesIn(cell: string): string[] {
	const codes: string[] = [];
	for (const match of cell.matchAll(/`(-?\d+)`(?:…`(-?\d+)`)?/g)) {
		const [first, last] = [Number(match[1]), Number(match[2] ?? match[1])];
		for (let code = first; code >= last; code--) codes.push(String(code));
	}
	return codes;
}

const rows = operationRows();

test('one row per operation, in the order of the operation list', () => {
	expect(rows.map((row) => row[1])).toEqual(OPERATIONS.map((operation) => operation.name));
});

describe.each(OPERATIONS.map((operation) => [operation.name, operation] as const))('%s', (name, operation) => {
	const row = rows.find((candidate) => candidate[1] === name)!;

	test('its resource, its action and the sites that offer it', () => {
		expect(row[0]).toBe(RESOURCES.find((resource) => resource.value === operation.resource)?.name);
		if (!isFlowOperation(operation)) expect(row[2]).toBe(`\`${operation.action.name}\``);
		expect(row[3]).toBe(
			sitesOf(operation)
				.map((site) => SITE_LABELS[site])
				.join(', '),
		);
	});

	const table = isFlowOperation(operation) ? undefined : OUTCOME_TABLES[operation.action.name]?.results;
	const numbered = table && Object.keys(table).every((code) => /^-?\d+$/.test(code));
	// The photo checks answer "Success" with a similarity, the document flows a Status: their rows say it in words.
	if (numbered) {
		test('every Result code in the column of its output', () => {
			const [passed, failed, review] = [row[4], row[5], row[6]].map(codesIn);
			const columnOf = (code: string) => (passed.includes(code) ? 'passed' : failed.includes(code) ? 'failed' : review.includes(code) ? 'review' : 'missing');
			expect(Object.keys(table!).map((code) => [code, columnOf(code)])).toEqual(Object.entries(table!).map(([code, rule]) => [code, rule.status]));
		});
	}
});
