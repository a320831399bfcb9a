/**
 * Answers already bought in this execution, for n8n's "Retry On Fail": when one item fails, n8n
 * runs the whole node again, and every item that Tencent already answered (and billed) would be
 * bought again. Keyed by the execution, the node and the request's content (before encryption,
 * whose keys change every time), so only the same check asked again by the same node in the same
 * execution gets the stored answer. Kept in this process's memory for a short while only. No n8n import.
 */
import { createHash } from 'node:crypto';

import { Base64Bytes } from './requestBody';

/** How long an execution's answers are kept: n8n waits at most 5 s between tries, 5 tries at most. */
const KEEP_MS = 10 * 60_000;
/** Entries kept at most in the process; the oldest go first. */
const MAX_ENTRIES = 20_000;

/** The content of a request: the action and its parameters, images by the hash of their bytes. */
export function requestFingerprint(action: string, params: unknown): string {
	const hash = createHash('sha256').update(action).update('\n');
	hash.update(JSON.stringify(withImageHashes(params)));
	return hash.digest('hex');
}

/**
 * The parameters with each image replaced by the hash of its bytes: never its base64 text
 * (megabytes per item), which JSON.stringify would build through `toJSON` before any replacer runs.
 */
function withImageHashes(value: unknown): unknown {
	if (value instanceof Base64Bytes) return `sha256:${createHash('sha256').update(value.bytes).digest('hex')}`;
	if (Array.isArray(value)) return value.map(withImageHashes);
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, withImageHashes(entry)]));
	}
	return value;
}

export class ReusedAnswers<T> {
	private readonly entries = new Map<string, { value: T; at: number }>();

	constructor(private readonly now: () => number = Date.now) {}

	get(scope: string, fingerprint: string): T | undefined {
		const entry = this.entries.get(`${scope}\n${fingerprint}`);
		if (!entry || this.now() - entry.at > KEEP_MS) return undefined;
		return entry.value;
	}

	set(scope: string, fingerprint: string, value: T): void {
		this.prune();
		this.entries.set(`${scope}\n${fingerprint}`, { value, at: this.now() });
	}

	get size(): number {
		return this.entries.size;
	}

	private prune(): void {
		const oldest = this.now() - KEEP_MS;
		// Map order is insertion order: the oldest come first.
		for (const [key, entry] of this.entries) {
			if (entry.at >= oldest && this.entries.size < MAX_ENTRIES) break;
			this.entries.delete(key);
		}
	}
}
