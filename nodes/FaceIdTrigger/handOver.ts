/**
 * How the trigger learns that n8n took a poll's items, and when it marks them emitted.
 *
 * n8n hands a poll's result to the poll context's `__emit` right after `poll()` returns, unless it
 * discards it (the workflow was saved or deactivated meanwhile): then the results must not be
 * marked done, and are emitted again after their lease. `watchHandOver` wraps `__emit` (an engine
 * member: the only signal n8n gives) to see that call. The commit itself runs a moment later
 * (`DeferredCommits`, ../shared/deferredCommits.ts), once n8n has started the execution.
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
