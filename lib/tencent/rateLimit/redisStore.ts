/**
 * The limits' state in Redis, for queue mode and multi-main: the main instance and every worker
 * take their slots from it, so a rate is the account's across all of them. Each step is one Lua
 * script, which Redis runs atomically, on Redis's own clock (`TIME`), so machines whose clocks
 * differ still agree on every window.
 *
 * Keys, per limit: `<prefix>rate:<limit key>:next` (the next planned slot) and `…:starts` (the
 * last starts, newest first), in microseconds; both expire once idle. A limit key holds its hash
 * tag, so the keys one script touches share a cluster slot.
 */
import { CATCH_UP_MS, type KeyedLimit, type PacingStore } from './pacer';

/** The subset of an ioredis client the store uses. */
export interface RedisScripting {
	defineCommand(name: string, definition: { lua: string; numberOfKeys?: number }): void;
}
type ScriptRunner = (...args: Array<string | number>) => Promise<unknown>;

/** Redis time in microseconds, as an exact integer (a double holds them until the year 2255). */
const PRELUDE = `
if redis.replicate_commands then pcall(redis.replicate_commands) end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local count = #KEYS / 2
local catchUp = tonumber(ARGV[1])
local function arg(i, field) return tonumber(ARGV[1 + (i - 1) * 4 + field]) end
local function us(value) return string.format('%.0f', value) end
`;

/**
 * KEYS: next, starts per limit. ARGV: catch-up, then per limit perWindow, windowUs, intervalUs,
 * minGapUs. Returns ms until the slot. As the process store: the limits that set the slot plan the
 * next one; a limit idle long enough to expire starts afresh.
 */
const RESERVE = `${PRELUDE}
local planned = {}
local slot = now - catchUp
for i = 1, count do
	local value = redis.call('GET', KEYS[2 * i - 1])
	planned[i] = value and tonumber(value) or now
	if planned[i] > slot then slot = planned[i] end
end
local binding = 0
for i = 1, count do
	if planned[i] >= slot then binding = binding + 1 end
end
for i = 1, count do
	if binding == 0 or planned[i] >= slot then
		local nextSlot = slot + arg(i, 3)
		redis.call('SET', KEYS[2 * i - 1], us(nextSlot), 'PX', math.max(1, math.ceil((nextSlot - now + 2 * arg(i, 2)) / 1000)))
	end
end
if slot <= now then return 0 end
return math.ceil((slot - now) / 1000)`;

/** Same KEYS and ARGV. Returns 0 (the start is recorded) or the ms to wait. */
const TRY_START = `${PRELUDE}
local wait = 0
for i = 1, count do
	local perWindow = arg(i, 1)
	local starts = redis.call('LRANGE', KEYS[2 * i], 0, perWindow - 1)
	if #starts >= perWindow then wait = math.max(wait, tonumber(starts[perWindow]) + arg(i, 2) - now) end
	if #starts >= 1 then wait = math.max(wait, tonumber(starts[1]) + arg(i, 4) - now) end
end
if wait > 0 then return math.ceil(wait / 1000) end
for i = 1, count do
	redis.call('LPUSH', KEYS[2 * i], us(now))
	redis.call('LTRIM', KEYS[2 * i], 0, arg(i, 1) - 1)
	redis.call('PEXPIRE', KEYS[2 * i], math.ceil(2 * arg(i, 2) / 1000))
end
return 0`;

const SCRIPTS = { faceidPaceReserve: RESERVE, faceidPaceTryStart: TRY_START } as const;

export class RedisPacingStore implements PacingStore {
	constructor(
		private readonly client: RedisScripting,
		private readonly keyPrefix: string,
	) {
		for (const [name, lua] of Object.entries(SCRIPTS)) client.defineCommand(name, { lua });
	}

	private async run(script: keyof typeof SCRIPTS, limits: readonly KeyedLimit[]): Promise<number> {
		const keys = limits.flatMap((limit) => [`${this.keyPrefix}rate:${limit.key}:next`, `${this.keyPrefix}rate:${limit.key}:starts`]);
		const args = [CATCH_UP_MS * 1000, ...limits.flatMap(({ rule }) => [rule.perWindow, Math.ceil(rule.windowMs * 1000), Math.round(rule.intervalMs * 1000), Math.round(rule.minGapMs * 1000)])];
		const runner = (this.client as unknown as Record<string, ScriptRunner>)[script];
		return Number(await runner.call(this.client, keys.length, ...keys, ...args));
	}

	reserve(limits: readonly KeyedLimit[]): Promise<number> {
		return this.run('faceidPaceReserve', limits);
	}

	tryStart(limits: readonly KeyedLimit[]): Promise<number> {
		return this.run('faceidPaceTryStart', limits);
	}
}
