/** A timer the caller injects (n8n's, or a fake clock's); it rejects when the signal aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;
