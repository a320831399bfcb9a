/**
 * Bounded-concurrency map over item indexes with results in input order, so a node that works
 * on several items at once still returns them as a sequential loop would.
 */

/**
 * Runs `task(0)` … `task(count - 1)` with at most `concurrency` running at once, starting them in
 * index order, and resolves with the results in index order.
 *
 * As in a sequential loop, a failure stops the run: no further index is started, the ones
 * already running are awaited (their requests are out; abandoning them would hide their fate),
 * and the failure of the lowest index is thrown. An aborted signal also stops new starts.
 */
export async function mapInOrder<T>(
	count: number,
	concurrency: number,
	task: (index: number) => Promise<T>,
	signal?: AbortSignal,
): Promise<T[]> {
	const width = Math.max(1, Math.min(Math.floor(concurrency) || 1, count));
	const results = new Array<T>(count);
	let next = 0;
	const failures: Array<{ index: number; error: unknown }> = [];
	const stopped = (): boolean => failures.length > 0 || signal?.aborted === true;

	const worker = async (): Promise<void> => {
		while (!stopped() && next < count) {
			const index = next++;
			try {
				results[index] = await task(index);
			} catch (error) {
				failures.push({ index, error });
			}
		}
	};

	await Promise.all(Array.from({ length: width }, worker));
	if (failures.length > 0) {
		throw failures.reduce((lowest, failure) => (failure.index < lowest.index ? failure : lowest)).error;
	}
	if (next < count) {
		// Only an abort leaves indexes unstarted: say so rather than return a short list.
		throw new Error(`Cancelled after ${next} of ${count} items were started`);
	}
	return results;
}
