/** When the triggers mark emitted results done: both nodes' commits wait here. */
/**
 * Runs each commit a moment after the trigger handed its results to n8n (a poll returned, a webhook
 * answered), and any still-waiting commit at the start of the trigger's next run. A process that
 * stops in between leaves those results to be emitted once more, after their emission lease.
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
