/** What the e2e prints: sections, checks that pass or fail with their reasons, and a closing count. */
export class Report {
	private passed = 0;

	private failed: string[] = [];

	private skipped: string[] = [];

	section(title: string): void {
		console.log(`\n━━ ${title}`);
	}

	line(text: string, indent = 1): void {
		console.log(`${'  '.repeat(indent)}${text}`);
	}

	/** A check passes when it found no problems. */
	check(name: string, problems: readonly string[], indent = 1): boolean {
		if (problems.length === 0) {
			this.passed++;
			this.line(`✓ ${name}`, indent);
			return true;
		}
		this.failed.push(name);
		this.line(`✗ ${name}`, indent);
		for (const problem of problems) this.line(`  ${problem}`, indent);
		return false;
	}

	/** A part that cannot run yet (its code is not in the package); counted apart, never as passed. */
	notAvailable(name: string, why: string, indent = 1): void {
		this.skipped.push(name);
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
		if (this.failed.length) this.line(`failed: ${this.failed.join('; ')}`);
		if (this.skipped.length) this.line(`not yet available: ${this.skipped.join('; ')}`);
		// The plain closing line CI reads.
		console.log(`\ne2e: ${this.passed} passed, ${this.failed.length} failed, ${this.skipped.length} skipped`);
	}
}
