/**
 * The embedded registry: the registry contract on an SQLite file, and what only the file store
 * promises: a private file, entries that outlive the handle, queues that share a file but not
 * their entries.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { openSqliteDatabase, SqliteRegistry } from '../../../../../lib/tencent/pendingVerifications/registry/sqliteStore';
import { VERIFICATION_STATES, type VerificationRegistry } from '../../../../../lib/tencent/pendingVerifications/registry/types';
import { describeRegistryContract, lease, T0, verification } from './support/registryContract';

let folder: string;
const opened: VerificationRegistry[] = [];

beforeAll(() => {
	folder = mkdtempSync(join(tmpdir(), 'faceid-sqlite-'));
});

afterAll(async () => {
	for (const registry of opened) await registry.close();
	rmSync(folder, { recursive: true, force: true });
});

/** A registry on its own database handle of `file`; closing it (once) closes the handle. */
function openOn(file: string, queue: string): SqliteRegistry {
	const db = openSqliteDatabase(file);
	let open = true;
	const registry = new SqliteRegistry(db, queue, async () => {
		if (open) db.close();
		open = false;
	});
	opened.push(registry);
	return registry;
}

describe('the registry contract', () => {
	describeRegistryContract(async (queue) => openOn(join(folder, 'registry.sqlite'), queue));
});

test('the embedded registry file is created readable by its owner only', async () => {
	const file = join(folder, 'private', 'registry.sqlite');
	openSqliteDatabase(file).close();
	expect(statSync(file).mode & 0o777).toBe(0o600);
	expect(statSync(join(folder, 'private')).mode & 0o777).toBe(0o700);
});

test('what one handle committed, a handle opened later on the same file reads, result included', async () => {
	const file = join(folder, 'durable.sqlite');
	const first = openOn(file, 'durable');
	await first.register(verification('tok-kept', { reference: 'CRM-77' }));
	await first.claimDue(T0 + 1000, 1, lease('p', T0 + 9000));
	const result = {
		outcome: { status: 'passed' as const, code: 'PASSED', description: 'ok', billable: true, retryable: false },
		response: { Status: 'PASSED', CardInfo: { GeneralCard: { FullName: '陳大文' } } },
		polls: 1,
	};
	await first.finish('tok-kept', 'p', result, T0 + 1500);
	await first.close();

	const second = openOn(file, 'durable');
	expect(await second.get('tok-kept')).toMatchObject({ state: 'finished', reference: 'CRM-77', finishedAt: T0 + 1500, result });
});

test('queues share the file, not their entries', async () => {
	const file = join(folder, 'queues.sqlite');
	const a = openOn(file, 'channel-a');
	const b = openOn(file, 'channel-b');
	expect(await a.register(verification('same-token'))).toBe(true);
	// The same token in another queue is another entry.
	expect(await b.register(verification('same-token', { reference: 'B' }))).toBe(true);
	expect(await a.get('same-token')).toMatchObject({ reference: 'CRM-same-token' });
	expect(await b.get('same-token')).toMatchObject({ reference: 'B' });
	expect((await a.claimDue(T0 + 1000, 10, lease('a', T0 + 9000))).map((record) => record.key)).toEqual(['same-token']);
	expect(await b.get('same-token')).toMatchObject({ state: 'pending' });
	expect(a.queue).toBe('channel-a');
});

test('stats count every state, zero included', async () => {
	const registry = openOn(join(folder, 'stats.sqlite'), 'stats');
	expect(Object.keys(await registry.stats()).sort()).toEqual([...VERIFICATION_STATES].sort());
	expect(Object.values(await registry.stats()).every((count) => count === 0)).toBe(true);
	await registry.register(verification('one'));
	await registry.reserve({ key: 'apply:x', generation: 'ocr', region: 'ap-singapore', reference: '', createdAt: T0, until: T0 + 1 });
	expect(await registry.stats()).toEqual({ reserved: 1, pending: 1, polling: 0, finished: 0, emitting: 0, done: 0 });
});
