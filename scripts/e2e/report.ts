/**
 * What the e2e prints: sections, checks that pass or fail with their reasons, and closing counts —
 * one per run (an n8n release) and the plain total line CI reads.
 */
interface Counts {
	passed: number;
	failed: number;
	skipped: number;
}

interface Run extends Counts {
	label: string;
	/** What the run did, for its closing line: "regular mode", "regular and queue mode". */
	modes: string[];
}

export class Report {
	private passed = 0;

	private failed: string[] = [];

	private skipped: string[] = [];

	private runs: Run[] = [];

	section(title: string): void {
		console.log(`\n━━ ${title}`);
	}

	line(text: string, indent = 1): void {
		console.log(`${'  '.repeat(indent)}${text}`);
	}

	/** Checks from here on belong to this run (e.g. "n8n 2.41.1"), counted apart in the summary and named after it when they fail. */
	startRun(label: string): void {
		this.runs.push({ label, modes: [], passed: 0, failed: 0, skipped: 0 });
	}

	/** The current run went through this mode (its closing line says so). */
	ranMode(mode: string): void {
		this.current?.modes.push(mode);
	}

	/** A check passes when it found no problems. */
	check(name: string, problems: readonly string[], indent = 1): boolean {
		const run = this.current;
		if (problems.length === 0) {
			this.passed++;
			if (run) run.passed++;
			this.line(`✓ ${name}`, indent);
			return true;
		}
		this.failed.push(this.scoped(name));
		if (run) run.failed++;
		this.line(`✗ ${name}`, indent);
		for (const problem of problems) this.line(`  ${problem}`, indent);
		return false;
	}

	/** A part that cannot run yet (its code is not in the package); counted apart, never as passed. */
	notAvailable(name: string, why: string, indent = 1): void {
		this.skipped.push(this.scoped(name));
		const run = this.current;
		if (run) run.skipped++;
		this.line(`– ${name}: not yet available — ${why}`, indent);
	}

	/** An error that stopped a phase. */
	error(name: string, error: unknown): void {
		const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
		this.check(name, text.split('\n').slice(0, 40));
	}

	get ok(): boolean {
		return this.failed.length === 0;
	}

	summary(): void {
		this.section('Summary');
		for (const run of this.runs) {
			const modes = run.modes.length ? ` (${joinModes(run.modes)})` : '';
			this.line(`${run.label}${modes}: ${describe(run)}`);
		}
		if (this.failed.length) this.line(`failed: ${this.failed.join('; ')}`);
		if (this.skipped.length) this.line(`not yet available: ${this.skipped.join('; ')}`);
		// The plain closing line CI reads, over every run.
		console.log(`\ne2e: ${describe({ passed: this.passed, failed: this.failed.length, skipped: this.skipped.length })}`);
	}

	private get current(): Run | undefined {
		return this.runs.at(-1);
	}

	private scoped(name: string): string {
		const run = this.current;
		return run ? `${run.label} › ${name}` : name;
	}
}

function describe(counts: Counts): string {
	return `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
}

/** ["regular", "queue"] → "regular and queue mode". */
function joinModes(modes: string[]): string {
	return `${modes.length > 1 ? `${modes.slice(0, -1).join(', ')} and ${modes.at(-1)}` : modes[0]} mode`;
}
