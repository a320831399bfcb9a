import type { Logger, LogMetadata } from 'n8n-workflow';

export type HarnessLogLevel = 'error' | 'warn' | 'info' | 'debug';

const SEVERITY: Record<HarnessLogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

export interface LogRecord {
	level: HarnessLogLevel;
	message: string;
	metadata?: LogMetadata;
	/** message and fully serialised metadata, the text a real log sink would receive */
	line: string;
}

export interface RecordingLoggerOptions {
	/** print records at this level or more severe to stderr; default: print nothing */
	print?: HarnessLogLevel;
}

/**
 * Records every line n8n logs (LoggerProxy and the DI Logger behind a node's `this.logger`),
 * so a test can assert e.g. that a secret never reaches the logs.
 */
export class RecordingLogger implements Logger {
	readonly records: LogRecord[] = [];

	private readonly print?: HarnessLogLevel;

	constructor(options: RecordingLoggerOptions = {}) {
		this.print = options.print;
	}

	error(message: string, metadata?: LogMetadata): void {
		this.log('error', message, metadata);
	}

	warn(message: string, metadata?: LogMetadata): void {
		this.log('warn', message, metadata);
	}

	info(message: string, metadata?: LogMetadata): void {
		this.log('info', message, metadata);
	}

	debug(message: string, metadata?: LogMetadata): void {
		this.log('debug', message, metadata);
	}

	/** n8n services call `logger.scoped('…')`; scopes are irrelevant here */
	scoped(): this {
		return this;
	}

	/** all recorded lines joined, for substring searches */
	text(): string {
		return this.records.map((r) => r.line).join('\n');
	}

	private log(level: HarnessLogLevel, message: string, metadata?: LogMetadata): void {
		const line = `${level}: ${message}${metadata === undefined ? '' : ' ' + serialise(metadata)}`;
		this.records.push({ level, message, metadata, line });
		if (this.print !== undefined && SEVERITY[level] <= SEVERITY[this.print]) {
			process.stderr.write(`[n8n] ${line}\n`);
		}
	}
}

/** Forwards to several loggers: the process-wide one installed in n8n and the current run's. */
export class FanOutLogger implements Logger {
	private readonly sinks = new Set<Logger>();

	add(sink: Logger): () => void {
		this.sinks.add(sink);
		return () => this.sinks.delete(sink);
	}

	error(message: string, metadata?: LogMetadata): void {
		for (const s of this.sinks) s.error(message, metadata);
	}

	warn(message: string, metadata?: LogMetadata): void {
		for (const s of this.sinks) s.warn(message, metadata);
	}

	info(message: string, metadata?: LogMetadata): void {
		for (const s of this.sinks) s.info(message, metadata);
	}

	debug(message: string, metadata?: LogMetadata): void {
		for (const s of this.sinks) s.debug(message, metadata);
	}

	scoped(): this {
		return this;
	}
}

export function parseLevel(value: string | undefined): HarnessLogLevel | undefined {
	return value !== undefined && value in SEVERITY ? (value as HarnessLogLevel) : undefined;
}

/**
 * JSON with errors expanded (own enumerable fields too: n8n errors carry request options there)
 * and cycles cut, so nothing that would reach a real log sink is hidden from a search.
 */
export function serialise(value: unknown): string {
	const seen = new WeakSet<object>();
	try {
		return JSON.stringify(value, (_key, v: unknown) => {
			if (typeof v === 'bigint') return v.toString();
			if (typeof v === 'function') return `[Function ${v.name}]`;
			if (v === null || typeof v !== 'object') return v;
			if (seen.has(v)) return '[Circular]';
			seen.add(v);
			if (v instanceof Error) {
				return { ...v, name: v.name, message: v.message, stack: v.stack, cause: v.cause };
			}
			return v;
		});
	} catch (error) {
		return `[unserialisable: ${(error as Error).message}]`;
	}
}
