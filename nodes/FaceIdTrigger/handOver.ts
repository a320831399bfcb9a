/**
 * How the trigger learns that n8n took a poll's items, and when it marks them emitted.
 *
 * n8n hands a poll's result to the poll context's `__emit` right after `poll()` returns, unless it
 * discards it (the workflow was saved or deactivated meanwhile): then the results must not be
 * marked done, and are emitted again after their lease. `watchHandOver` wraps `__emit` (an engine
 * member: the only signal n8n gives) to see that call. The commit itself runs a moment later
 * (`DeferredCommits`), once n8n has started the execution.
 */
import type { IPollFunctions } from 'n8n-workflow';

/** The engine's own `__emit` of each poll context: each poll wraps the original, never a wrapper. */
const engineEmits = new WeakMap<IPollFunctions, IPollFunctions['__emit']>();

/** Starts watching this poll's hand-over; the function returned tells whether n8n took the items. */
export function watchHandOver(context: IPollFunctions): () => boolean {
	const engineEmit = engineEmits.get(context) ?? context.__emit;
	engineEmits.set(context, engineEmit);
	let handedOver = false;
	context.__emit = (...args) => {
		handedOver = true;
		engineEmit.apply(context, args);
	};
	return () => handedOver;
}

/**
 * Runs each poll's commit a moment after the poll returned, and any still-waiting commit at the
 * start of the next poll. A process that stops in between leaves those results to be emitted once
 * more, after their emission lease.
 */
export class DeferredCommits {
	private readonly waiting = new Set<() => Promise<number>>();

	schedule(commit: () => Promise<number>, delayMs: number, onError: (error: unknown) => void = () => {}): void {
		this.waiting.add(commit);
		const run = (): void => {
			if (!this.waiting.delete(commit)) return;
			commit().catch(onError);
		};
		const timer = setTimeout(run, Math.max(0, delayMs));
		timer.unref?.();
	}

	/** Runs every commit still waiting; errors are passed to `onError`, not thrown. */
	async flush(onError: (error: unknown) => void = () => {}): Promise<void> {
		const commits = [...this.waiting];
		this.waiting.clear();
		for (const commit of commits) await commit().catch(onError);
	}
}
