/**
 * The embedded registry: one SQLite file (Node's built-in `node:sqlite`), shared by every process
 * of one n8n instance. WAL mode lets readers work while one process writes; `busy_timeout` makes a
 * writer wait for another instead of failing; `synchronous = FULL` makes a committed registration
 * survive a power cut, not only a process crash. Each state change is one UPDATE (claims use
 * `UPDATE … WHERE rowid IN (SELECT … LIMIT n) RETURNING *`), or one IMMEDIATE transaction, so two
 * processes can never claim the same entry.
 */
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';

import type {
	HoldSettlement,
	Lease,
	NewVerification,
	Reservation,
	StoredResult,
	VerificationRecord,
	VerificationRegistry,
	VerificationState,
} from './types';
import { VERIFICATION_STATES } from './types';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS card_verifications (
	queue TEXT NOT NULL,
	key TEXT NOT NULL,
	state TEXT NOT NULL,
	generation TEXT NOT NULL,
	region TEXT NOT NULL,
	reference TEXT NOT NULL DEFAULT '',
	registered_at INTEGER NOT NULL,
	poll_interval_ms INTEGER NOT NULL DEFAULT 0,
	max_polls INTEGER NOT NULL DEFAULT 0,
	polls INTEGER NOT NULL DEFAULT 0,
	next_poll_at INTEGER NOT NULL DEFAULT 0,
	lease_id TEXT,
	lease_owner TEXT,
	lease_until INTEGER,
	result TEXT,
	finished_at INTEGER,
	emit_count INTEGER NOT NULL DEFAULT 0,
	emitted_at INTEGER,
	PRIMARY KEY (queue, key)
);
CREATE INDEX IF NOT EXISTS card_verifications_due ON card_verifications (queue, state, next_poll_at);
CREATE INDEX IF NOT EXISTS card_verifications_lease ON card_verifications (queue, state, lease_until);
CREATE INDEX IF NOT EXISTS card_verifications_finished ON card_verifications (queue, state, finished_at);
CREATE INDEX IF NOT EXISTS card_verifications_done ON card_verifications (queue, state, emitted_at);
CREATE TABLE IF NOT EXISTS channel_settings (
	queue TEXT NOT NULL,
	name TEXT NOT NULL,
	value TEXT NOT NULL,
	PRIMARY KEY (queue, name)
);
`;

/** How long a process waits for another one's write before SQLite gives up. */
const BUSY_TIMEOUT_MS = 15_000;

interface Row {
	key: string;
	state: string;
	generation: string;
	region: string;
	reference: string;
	registered_at: number;
	poll_interval_ms: number;
	max_polls: number;
	polls: number;
	next_poll_at: number;
	lease_id: string | null;
	lease_owner: string | null;
	lease_until: number | null;
	result: string | null;
	finished_at: number | null;
	emit_count: number;
	emitted_at: number | null;
}

function toRecord(row: Row): VerificationRecord {
	const record: VerificationRecord = {
		key: row.key,
		state: row.state as VerificationState,
		generation: row.generation as VerificationRecord['generation'],
		region: row.region,
		reference: row.reference,
		registeredAt: row.registered_at,
		pollIntervalMs: row.poll_interval_ms,
		maxPolls: row.max_polls,
		polls: row.polls,
		nextPollAt: row.next_poll_at,
		emitCount: row.emit_count,
	};
	if (row.lease_id !== null) record.leaseId = row.lease_id;
	if (row.lease_owner !== null) record.leaseOwner = row.lease_owner;
	if (row.lease_until !== null) record.leaseUntil = row.lease_until;
	if (row.result !== null) record.result = JSON.parse(row.result) as StoredResult;
	if (row.finished_at !== null) record.finishedAt = row.finished_at;
	if (row.emitted_at !== null) record.emittedAt = row.emitted_at;
	return record;
}

/**
 * Opens (creating when needed) the registry file. `node:sqlite` is loaded here, not at import, so
 * Redis users never load it and an old Node says clearly what is missing.
 */
export function openSqliteDatabase(file: string): DatabaseSync {
	let sqlite: typeof import('node:sqlite');
	try {
			sqlite = require('node:sqlite') as typeof import('node:sqlite');
	} catch {
		throw new Error(
			`The embedded registry needs Node.js 22.13 or later (node:sqlite); this is Node.js ${process.versions.node}. n8n 2.x runs on Node.js 24.`,
		);
	}
	mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
	// The file holds references and, until emitted, card data: readable by n8n's user only.
	closeSync(openSync(file, 'a', 0o600));
	const db = new sqlite.DatabaseSync(file);
	db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS};`);
	db.exec('PRAGMA journal_mode = WAL;');
	db.exec('PRAGMA synchronous = FULL;');
	db.exec(SCHEMA);
	return db;
}

export class SqliteRegistry implements VerificationRegistry {
	constructor(
		private readonly db: DatabaseSync,
		readonly queue: string,
		private readonly onClose: () => Promise<void> = async () => {},
	) {}

	/** The queue plus the parameters the statement names (node:sqlite rejects unknown ones). */
	private bind(sql: string, params: Record<string, SQLInputValue | undefined>): Record<string, SQLInputValue> {
		const named = new Set(Array.from(sql.matchAll(/:(\w+)/g), (match) => match[1]));
		const bound: Record<string, SQLInputValue> = {};
		for (const [name, value] of Object.entries({ queue: this.queue, ...params })) {
			if (named.has(name)) bound[name] = value ?? null;
		}
		return bound;
	}

	private all(sql: string, params: Record<string, SQLInputValue | undefined>): Row[] {
		return this.db.prepare(sql).all(this.bind(sql, params)) as unknown as Row[];
	}

	private run(sql: string, params: Record<string, SQLInputValue | undefined>): number {
		return Number(this.db.prepare(sql).run(this.bind(sql, params)).changes);
	}

	/** One IMMEDIATE transaction: takes the write lock first, so it cannot fail half-way on a busy file. */
	private transaction<T>(work: () => T): T {
		this.db.exec('BEGIN IMMEDIATE');
		try {
			const result = work();
			this.db.exec('COMMIT');
			return result;
		} catch (error) {
			this.db.exec('ROLLBACK');
			throw error;
		}
	}

	async reserve(reservation: Reservation): Promise<void> {
		this.run(
			`INSERT INTO card_verifications (queue, key, state, generation, region, reference, registered_at, lease_until)
			 VALUES (:queue, :key, 'reserved', :generation, :region, :reference, :createdAt, :until)
			 ON CONFLICT (queue, key) DO NOTHING`,
			{ ...reservation },
		);
	}

	async register(
		verification: NewVerification,
		options: { reservationKey?: string; hold?: Lease } = {},
	): Promise<boolean> {
		const hold = options.hold;
		return this.transaction(() => {
			const added = this.run(
				`INSERT INTO card_verifications (queue, key, state, generation, region, reference, registered_at,
					poll_interval_ms, max_polls, polls, next_poll_at, lease_id, lease_owner, lease_until)
				 VALUES (:queue, :token, :state, :generation, :region, :reference, :registeredAt,
					:pollIntervalMs, :maxPolls, :polls, :nextPollAt, :leaseId, :leaseOwner, :leaseUntil)
				 ON CONFLICT (queue, key) DO NOTHING`,
				{
					...verification,
					state: hold ? 'polling' : 'pending',
					leaseId: hold?.id ?? null,
					leaseOwner: hold?.owner ?? null,
					leaseUntil: hold?.until ?? null,
				},
			);
			if (options.reservationKey) {
				this.run(`DELETE FROM card_verifications WHERE queue = :queue AND key = :key AND state = 'reserved'`, {
					key: options.reservationKey,
				});
			}
			return added > 0;
		});
	}

	async dropReservation(key: string): Promise<void> {
		this.run(`DELETE FROM card_verifications WHERE queue = :queue AND key = :key AND state = 'reserved'`, { key });
	}

	async settleHold(token: string, leaseId: string, settlement: HoldSettlement): Promise<boolean> {
		const where = `WHERE queue = :queue AND key = :key AND state = 'polling' AND lease_id = :leaseId`;
		if (settlement.delivered) {
			return (
				this.run(
					`UPDATE card_verifications SET state = 'done', emitted_at = :at, result = NULL,
						lease_id = NULL, lease_owner = NULL, lease_until = NULL ${where}`,
					{ key: token, leaseId, at: settlement.at },
				) > 0
			);
		}
		return this.reschedule(token, leaseId, settlement.polls, settlement.nextPollAt);
	}

	async expireReservations(now: number, result: StoredResult): Promise<number> {
		return this.run(
			`UPDATE card_verifications SET state = 'finished', result = :result, finished_at = :now, lease_until = NULL
			 WHERE queue = :queue AND state = 'reserved' AND lease_until <= :now`,
			{ now, result: JSON.stringify(result) },
		);
	}

	/** Claims up to `limit` entries in `from` (or in `leased` with a lapsed lease), oldest `order` first. */
	private claim(
		from: VerificationState,
		leased: VerificationState,
		order: 'next_poll_at' | 'finished_at',
		extra: string,
		now: number,
		limit: number,
		lease: Lease,
	): VerificationRecord[] {
		const rows = this.all(
			`UPDATE card_verifications
			 SET state = :leased, lease_id = :leaseId, lease_owner = :owner, lease_until = :until ${extra}
			 WHERE rowid IN (
				SELECT rowid FROM card_verifications
				WHERE queue = :queue AND ((state = :from AND ${order} <= :now) OR (state = :leased AND lease_until <= :now))
				ORDER BY ${order} LIMIT :limit)
			 RETURNING *`,
			{ from, leased, now, limit, leaseId: lease.id, owner: lease.owner, until: lease.until },
		);
		// RETURNING gives no order: sort as the selection did.
		return rows.sort((a, b) => Number(a[order] ?? 0) - Number(b[order] ?? 0)).map(toRecord);
	}

	async claimDue(now: number, limit: number, lease: Lease): Promise<VerificationRecord[]> {
		return this.claim('pending', 'polling', 'next_poll_at', '', now, limit, lease);
	}

	async claimFinished(now: number, limit: number, lease: Lease): Promise<VerificationRecord[]> {
		return this.claim('finished', 'emitting', 'finished_at', ', emit_count = emit_count + 1', now, limit, lease);
	}

	async claimKey(key: string, now: number, lease: Lease): Promise<VerificationRecord | undefined> {
		const [row] = this.all(
			`UPDATE card_verifications
			 SET state = CASE WHEN state IN ('pending', 'polling') THEN 'polling' ELSE 'emitting' END,
				emit_count = emit_count + CASE WHEN state IN ('finished', 'emitting') THEN 1 ELSE 0 END,
				lease_id = :leaseId, lease_owner = :owner, lease_until = :until
			 WHERE queue = :queue AND key = :key
				AND (state IN ('pending', 'finished') OR (state IN ('polling', 'emitting') AND lease_until <= :now))
			 RETURNING *`,
			{ key, now, leaseId: lease.id, owner: lease.owner, until: lease.until },
		);
		return row ? toRecord(row) : undefined;
	}

	async channelSetting(name: string): Promise<string | undefined> {
		const row = this.db
			.prepare('SELECT value FROM channel_settings WHERE queue = :queue AND name = :name')
			.get({ queue: this.queue, name }) as { value: string } | undefined;
		return row?.value;
	}

	async setChannelSetting(name: string, value: string | undefined, ifValue?: string): Promise<void> {
		if (value !== undefined) {
			this.run(
				`INSERT INTO channel_settings (queue, name, value) VALUES (:queue, :name, :value)
				 ON CONFLICT (queue, name) DO UPDATE SET value = excluded.value`,
				{ name, value },
			);
			return;
		}
		const condition = ifValue === undefined ? '' : ' AND value = :ifValue';
		this.run(`DELETE FROM channel_settings WHERE queue = :queue AND name = :name${condition}`, { name, ifValue });
	}

	async reschedule(key: string, leaseId: string, polls: number, nextPollAt: number): Promise<boolean> {
		return (
			this.run(
				`UPDATE card_verifications SET state = 'pending', polls = :polls, next_poll_at = :nextPollAt,
					lease_id = NULL, lease_owner = NULL, lease_until = NULL
				 WHERE queue = :queue AND key = :key AND state = 'polling' AND lease_id = :leaseId`,
				{ key, leaseId, polls, nextPollAt },
			) > 0
		);
	}

	async release(key: string, leaseId: string): Promise<boolean> {
		return (
			this.run(
				`UPDATE card_verifications SET state = 'pending', lease_id = NULL, lease_owner = NULL, lease_until = NULL
				 WHERE queue = :queue AND key = :key AND state = 'polling' AND lease_id = :leaseId`,
				{ key, leaseId },
			) > 0
		);
	}

	async finish(key: string, leaseId: string, result: StoredResult, at: number): Promise<boolean> {
		return (
			this.run(
				`UPDATE card_verifications SET state = 'finished', result = :result, finished_at = :at, polls = :polls,
					lease_id = NULL, lease_owner = NULL, lease_until = NULL
				 WHERE queue = :queue AND key = :key AND state = 'polling' AND lease_id = :leaseId`,
				{ key, leaseId, at, polls: result.polls, result: JSON.stringify(result) },
			) > 0
		);
	}

	async commit(keys: readonly string[], leaseId: string, at: number): Promise<number> {
		if (keys.length === 0) return 0;
		return this.run(
			`UPDATE card_verifications SET state = 'done', emitted_at = :at, result = NULL,
				lease_id = NULL, lease_owner = NULL, lease_until = NULL
			 WHERE queue = :queue AND state = 'emitting' AND lease_id = :leaseId
				AND key IN (SELECT value FROM json_each(:keys))`,
			{ leaseId, at, keys: JSON.stringify(keys) },
		);
	}

	async prune(before: number): Promise<number> {
		return this.run(`DELETE FROM card_verifications WHERE queue = :queue AND state = 'done' AND emitted_at < :before`, {
			before,
		});
	}

	async stats(): Promise<Record<VerificationState, number>> {
		const counts = Object.fromEntries(VERIFICATION_STATES.map((state) => [state, 0])) as Record<VerificationState, number>;
		const rows = this.db
			.prepare('SELECT state, COUNT(*) AS n FROM card_verifications WHERE queue = :queue GROUP BY state')
			.all({ queue: this.queue }) as unknown as Array<{ state: VerificationState; n: number }>;
		for (const row of rows) counts[row.state] = Number(row.n);
		return counts;
	}

	async get(key: string): Promise<VerificationRecord | undefined> {
		const row = this.db
			.prepare('SELECT * FROM card_verifications WHERE queue = :queue AND key = :key')
			.get({ queue: this.queue, key }) as unknown as Row | undefined;
		return row ? toRecord(row) : undefined;
	}

	async close(): Promise<void> {
		await this.onClose();
	}
}
