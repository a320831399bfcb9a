/**
 * The Redis registry, for queue mode and multi-main: Apply runs on workers, the trigger on the
 * main instance, and all of them reach the same Redis. Each entry is a hash; one sorted set per
 * state orders the entries by the time they become claimable (next poll, lease end, finish time).
 * Every state change is one Lua script, which Redis runs atomically, so two processes can never
 * claim the same entry and no change is ever half-made.
 *
 * Keys: `<prefix>{<queue>}:r:<key>` (hash) and `<prefix>{<queue>}:<state>` (sorted sets). The
 * `{queue}` hash tag keeps one queue's keys in one slot.
 *
 * The client is `ioredis` (see lib/tencent/redis.ts), so users of the embedded store never load it.
 */
import type { Redis } from 'ioredis';

import { openRedis, type RedisConnectionOptions } from '../../redis';

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

export type { RedisConnectionOptions } from '../../redis';

/** Scripts shared by all commands: KEYS[1] is the queue's base key. */
const PRELUDE = `
local base = KEYS[1]
local function entry(key) return base .. ':r:' .. key end
local function zset(state) return base .. ':' .. state end
local function record(key)
	local fields = redis.call('HGETALL', entry(key))
	table.insert(fields, 1, key)
	return fields
end
local function owned(key, state, leaseId)
	local values = redis.call('HMGET', entry(key), 'state', 'lease_id')
	return values[1] == state and values[2] == leaseId
end
local function move(key, from, to, score)
	redis.call('ZREM', zset(from), key)
	redis.call('ZADD', zset(to), score, key)
	redis.call('HSET', entry(key), 'state', to)
end
local function dropLease(key) redis.call('HDEL', entry(key), 'lease_id', 'lease_owner', 'lease_until') end
`;

/** ARGV: key, until, field/value pairs. */
const RESERVE = `${PRELUDE}
local key = ARGV[1]
if redis.call('EXISTS', entry(key)) == 1 then return 0 end
redis.call('HSET', entry(key), unpack(ARGV, 3))
redis.call('HSET', entry(key), 'state', 'reserved', 'lease_until', ARGV[2])
redis.call('ZADD', zset('reserved'), ARGV[2], key)
return 1`;

/** ARGV: token, reservation key or '', hold lease id or '', hold owner, hold until, field/value pairs. */
const REGISTER = `${PRELUDE}
local key = ARGV[1]
local added = 0
if redis.call('EXISTS', entry(key)) == 0 then
	redis.call('HSET', entry(key), unpack(ARGV, 6))
	if ARGV[3] ~= '' then
		redis.call('HSET', entry(key), 'state', 'polling', 'lease_id', ARGV[3], 'lease_owner', ARGV[4], 'lease_until', ARGV[5])
		redis.call('ZADD', zset('polling'), ARGV[5], key)
	else
		redis.call('HSET', entry(key), 'state', 'pending')
		redis.call('ZADD', zset('pending'), redis.call('HGET', entry(key), 'next_poll_at'), key)
	end
	added = 1
end
if ARGV[2] ~= '' and redis.call('HGET', entry(ARGV[2]), 'state') == 'reserved' then
	redis.call('DEL', entry(ARGV[2]))
	redis.call('ZREM', zset('reserved'), ARGV[2])
end
return added`;

/** ARGV: key. */
const DROP_RESERVATION = `${PRELUDE}
if redis.call('HGET', entry(ARGV[1]), 'state') ~= 'reserved' then return 0 end
redis.call('DEL', entry(ARGV[1]))
redis.call('ZREM', zset('reserved'), ARGV[1])
return 1`;

/** ARGV: now, result JSON. */
const EXPIRE_RESERVATIONS = `${PRELUDE}
local keys = redis.call('ZRANGEBYSCORE', zset('reserved'), '-inf', ARGV[1], 'LIMIT', 0, 1000)
for _, key in ipairs(keys) do
	move(key, 'reserved', 'finished', ARGV[1])
	redis.call('HSET', entry(key), 'result', ARGV[2], 'finished_at', ARGV[1])
	redis.call('HDEL', entry(key), 'lease_until')
end
return #keys`;

/**
 * ARGV: ready state, leased state, now, limit, lease id, owner, until, count emission (1/0).
 * Lapsed leases first (they waited longest), then ready entries by score.
 */
const CLAIM = `${PRELUDE}
local ready, leased, now, limit = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local keys = redis.call('ZRANGEBYSCORE', zset(leased), '-inf', now, 'LIMIT', 0, limit)
local from = {}
for _, key in ipairs(keys) do from[key] = leased end
if #keys < limit then
	for _, key in ipairs(redis.call('ZRANGEBYSCORE', zset(ready), '-inf', now, 'LIMIT', 0, limit - #keys)) do
		table.insert(keys, key)
		from[key] = ready
	end
end
local claimed = {}
for _, key in ipairs(keys) do
	move(key, from[key], leased, ARGV[7])
	redis.call('HSET', entry(key), 'lease_id', ARGV[5], 'lease_owner', ARGV[6], 'lease_until', ARGV[7])
	if ARGV[8] == '1' then redis.call('HINCRBY', entry(key), 'emit_count', 1) end
	table.insert(claimed, record(key))
end
return claimed`;

/** ARGV: key, now, lease id, owner, until. One entry, from wherever it can be claimed (see claimKey). */
const CLAIM_KEY = `${PRELUDE}
local key, now = ARGV[1], tonumber(ARGV[2])
local values = redis.call('HMGET', entry(key), 'state', 'lease_until')
local state = values[1]
if not state then return false end
local lapsed = (tonumber(values[2] or '') or 0) <= now
local to
if state == 'pending' or (state == 'polling' and lapsed) then to = 'polling'
elseif state == 'finished' or (state == 'emitting' and lapsed) then to = 'emitting'
else return false end
move(key, state, to, ARGV[5])
redis.call('HSET', entry(key), 'lease_id', ARGV[3], 'lease_owner', ARGV[4], 'lease_until', ARGV[5])
if to == 'emitting' then redis.call('HINCRBY', entry(key), 'emit_count', 1) end
return record(key)`;

/** ARGV: name, value or '' (remove), remove only if the value is this ('' any). */
const SET_SETTING = `${PRELUDE}
local settings = base .. ':settings'
if ARGV[2] ~= '' then
	redis.call('HSET', settings, ARGV[1], ARGV[2])
elseif ARGV[3] == '' or redis.call('HGET', settings, ARGV[1]) == ARGV[3] then
	redis.call('HDEL', settings, ARGV[1])
end
return 1`;

/** ARGV: key, lease id, polls or '' (keep), next poll at or '' (keep). */
const RESCHEDULE = `${PRELUDE}
local key = ARGV[1]
if not owned(key, 'polling', ARGV[2]) then return 0 end
if ARGV[3] ~= '' then redis.call('HSET', entry(key), 'polls', ARGV[3], 'next_poll_at', ARGV[4]) end
move(key, 'polling', 'pending', redis.call('HGET', entry(key), 'next_poll_at'))
dropLease(key)
return 1`;

/** ARGV: key, lease id, result JSON, at, polls. */
const FINISH = `${PRELUDE}
local key = ARGV[1]
if not owned(key, 'polling', ARGV[2]) then return 0 end
move(key, 'polling', 'finished', ARGV[4])
redis.call('HSET', entry(key), 'result', ARGV[3], 'finished_at', ARGV[4], 'polls', ARGV[5])
dropLease(key)
return 1`;

/** ARGV: key, lease id, at, from state. Done: delivered by an inline wait, or emitted. */
const MARK_DONE = `${PRELUDE}
local key = ARGV[1]
if not owned(key, ARGV[4], ARGV[2]) then return 0 end
move(key, ARGV[4], 'done', ARGV[3])
redis.call('HSET', entry(key), 'emitted_at', ARGV[3])
redis.call('HDEL', entry(key), 'result')
dropLease(key)
return 1`;

/** ARGV: before. */
const PRUNE = `${PRELUDE}
local keys = redis.call('ZRANGEBYSCORE', zset('done'), '-inf', '(' .. ARGV[1], 'LIMIT', 0, 1000)
for _, key in ipairs(keys) do
	redis.call('DEL', entry(key))
	redis.call('ZREM', zset('done'), key)
end
return #keys`;

const SCRIPTS = {
	faceidReserve: RESERVE,
	faceidRegister: REGISTER,
	faceidDropReservation: DROP_RESERVATION,
	faceidExpireReservations: EXPIRE_RESERVATIONS,
	faceidClaim: CLAIM,
	faceidClaimKey: CLAIM_KEY,
	faceidSetSetting: SET_SETTING,
	faceidReschedule: RESCHEDULE,
	faceidFinish: FINISH,
	faceidMarkDone: MARK_DONE,
	faceidPrune: PRUNE,
} as const;

type ScriptName = keyof typeof SCRIPTS;
type ScriptedRedis = Redis & Record<ScriptName, (base: string, ...args: Array<string | number>) => Promise<unknown>>;

/**
 * Connects (ioredis loads on first use) and defines the registry's scripts. Commands wait for a
 * reconnect for a while, then fail, so an Apply step reports an outage instead of hanging.
 */
export async function connectRedis(options: RedisConnectionOptions): Promise<ScriptedRedis> {
	const client = (await openRedis(options, {
		purpose: "the registry's Redis",
		connectTimeoutMs: 10_000,
		commandTimeoutMs: 15_000,
		queueWhileDisconnected: true,
	})) as ScriptedRedis;
	for (const [name, lua] of Object.entries(SCRIPTS)) client.defineCommand(name, { numberOfKeys: 1, lua });
	return client;
}

function fieldPairs(fields: Record<string, string | number>): Array<string | number> {
	return Object.entries(fields).flat();
}

function toRecord(flat: unknown): VerificationRecord {
	const [key, ...pairs] = flat as string[];
	const fields: Record<string, string> = {};
	for (let i = 0; i + 1 < pairs.length; i += 2) fields[pairs[i]] = pairs[i + 1];
	const number = (name: string): number | undefined => (fields[name] === undefined ? undefined : Number(fields[name]));
	const record: VerificationRecord = {
		key,
		state: fields.state as VerificationState,
		generation: fields.generation as VerificationRecord['generation'],
		region: fields.region ?? '',
		reference: fields.reference ?? '',
		registeredAt: number('registered_at') ?? 0,
		pollIntervalMs: number('poll_interval_ms') ?? 0,
		maxPolls: number('max_polls') ?? 0,
		polls: number('polls') ?? 0,
		nextPollAt: number('next_poll_at') ?? 0,
		emitCount: number('emit_count') ?? 0,
	};
	if (fields.lease_id !== undefined) record.leaseId = fields.lease_id;
	if (fields.lease_owner !== undefined) record.leaseOwner = fields.lease_owner;
	if (fields.lease_until !== undefined) record.leaseUntil = Number(fields.lease_until);
	if (fields.result !== undefined) record.result = JSON.parse(fields.result) as StoredResult;
	if (fields.finished_at !== undefined) record.finishedAt = Number(fields.finished_at);
	if (fields.emitted_at !== undefined) record.emittedAt = Number(fields.emitted_at);
	return record;
}

export class RedisRegistry implements VerificationRegistry {
	private readonly base: string;

	constructor(
		private readonly client: ScriptedRedis,
		readonly queue: string,
		keyPrefix: string,
		private readonly onClose: () => Promise<void> = async () => {},
	) {
		this.base = `${keyPrefix}{${queue}}`;
	}

	async reserve(reservation: Reservation): Promise<void> {
		await this.client.faceidReserve(
			this.base,
			reservation.key,
			reservation.until,
			...fieldPairs({
				generation: reservation.generation,
				region: reservation.region,
				reference: reservation.reference,
				registered_at: reservation.createdAt,
			}),
		);
	}

	async register(verification: NewVerification, options: { reservationKey?: string; hold?: Lease } = {}): Promise<boolean> {
		const added = await this.client.faceidRegister(
			this.base,
			verification.token,
			options.reservationKey ?? '',
			options.hold?.id ?? '',
			options.hold?.owner ?? '',
			options.hold?.until ?? '',
			...fieldPairs({
				generation: verification.generation,
				region: verification.region,
				reference: verification.reference,
				registered_at: verification.registeredAt,
				poll_interval_ms: verification.pollIntervalMs,
				max_polls: verification.maxPolls,
				polls: verification.polls,
				next_poll_at: verification.nextPollAt,
				emit_count: 0,
			}),
		);
		return added === 1;
	}

	async dropReservation(key: string): Promise<void> {
		await this.client.faceidDropReservation(this.base, key);
	}

	async settleHold(token: string, leaseId: string, settlement: HoldSettlement): Promise<boolean> {
		if (settlement.delivered) {
			return (await this.client.faceidMarkDone(this.base, token, leaseId, settlement.at, 'polling')) === 1;
		}
		return this.reschedule(token, leaseId, settlement.polls, settlement.nextPollAt);
	}

	async expireReservations(now: number, result: StoredResult): Promise<number> {
		return Number(await this.client.faceidExpireReservations(this.base, now, JSON.stringify(result)));
	}

	private async claim(ready: VerificationState, leased: VerificationState, now: number, limit: number, lease: Lease, countEmission: boolean) {
		const claimed = (await this.client.faceidClaim(
			this.base,
			ready,
			leased,
			now,
			limit,
			lease.id,
			lease.owner,
			lease.until,
			countEmission ? '1' : '0',
		)) as unknown[];
		return claimed.map(toRecord);
	}

	async claimDue(now: number, limit: number, lease: Lease): Promise<VerificationRecord[]> {
		return this.claim('pending', 'polling', now, limit, lease, false);
	}

	async claimFinished(now: number, limit: number, lease: Lease): Promise<VerificationRecord[]> {
		return this.claim('finished', 'emitting', now, limit, lease, true);
	}

	async claimKey(key: string, now: number, lease: Lease): Promise<VerificationRecord | undefined> {
		const claimed = await this.client.faceidClaimKey(this.base, key, now, lease.id, lease.owner, lease.until);
		return claimed ? toRecord(claimed) : undefined;
	}

	async channelSetting(name: string): Promise<string | undefined> {
		return (await this.client.hget(`${this.base}:settings`, name)) ?? undefined;
	}

	async setChannelSetting(name: string, value: string | undefined, ifValue?: string): Promise<void> {
		await this.client.faceidSetSetting(this.base, name, value ?? '', ifValue ?? '');
	}

	async reschedule(key: string, leaseId: string, polls: number, nextPollAt: number): Promise<boolean> {
		return (await this.client.faceidReschedule(this.base, key, leaseId, polls, nextPollAt)) === 1;
	}

	async release(key: string, leaseId: string): Promise<boolean> {
		return (await this.client.faceidReschedule(this.base, key, leaseId, '', '')) === 1;
	}

	async finish(key: string, leaseId: string, result: StoredResult, at: number): Promise<boolean> {
		return (await this.client.faceidFinish(this.base, key, leaseId, JSON.stringify(result), at, result.polls)) === 1;
	}

	async commit(keys: readonly string[], leaseId: string, at: number): Promise<number> {
		if (keys.length === 0) return 0;
		// One script per key in one pipeline: each move is atomic, the round trip is shared.
		const pipeline = this.client.pipeline();
		for (const key of keys) (pipeline as unknown as ScriptedRedis).faceidMarkDone(this.base, key, leaseId, at, 'emitting');
		const results = (await pipeline.exec()) ?? [];
		let committed = 0;
		for (const [error, value] of results) {
			if (error) throw error;
			if (value === 1) committed++;
		}
		return committed;
	}

	async prune(before: number): Promise<number> {
		let total = 0;
		for (;;) {
			const removed = Number(await this.client.faceidPrune(this.base, before));
			total += removed;
			if (removed < 1000) return total;
		}
	}

	async stats(): Promise<Record<VerificationState, number>> {
		const pipeline = this.client.pipeline();
		for (const state of VERIFICATION_STATES) pipeline.zcard(`${this.base}:${state}`);
		const results = (await pipeline.exec()) ?? [];
		return Object.fromEntries(VERIFICATION_STATES.map((state, i) => [state, Number(results[i]?.[1] ?? 0)])) as Record<
			VerificationState,
			number
		>;
	}

	async get(key: string): Promise<VerificationRecord | undefined> {
		const fields = await this.client.hgetall(`${this.base}:r:${key}`);
		if (!fields || Object.keys(fields).length === 0) return undefined;
		return toRecord([key, ...Object.entries(fields).flat()]);
	}

	async close(): Promise<void> {
		await this.onClose();
	}
}
