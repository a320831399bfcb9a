/** What the sandbox's request log says about money: billable answers, and checks paid for twice. */
import type { SandboxRequestRecord } from './server';

export interface BillingSummary {
	/** Answers Tencent would charge for. */
	billable: number;
	/** Billable answers to a request whose content already got a billable answer. */
	repeatedBillable: number;
}

export function summariseBilling(records: readonly Pick<SandboxRequestRecord, 'billable' | 'contentHash'>[]): BillingSummary {
	const paid = new Set<string>();
	let billable = 0;
	let repeatedBillable = 0;
	for (const record of records) {
		if (!record.billable) continue;
		billable++;
		if (record.contentHash === undefined) continue;
		if (paid.has(record.contentHash)) repeatedBillable++;
		else paid.add(record.contentHash);
	}
	return { billable, repeatedBillable };
}
