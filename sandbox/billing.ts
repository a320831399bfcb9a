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

/**
 * Answers lost on the way back (a fault injected after the action ran) that cost nothing — a
 * refusal such as RequestLimitExceeded — for checks that were billed on another attempt. A client
 * cannot tell these from a lost billed answer, so it counts them as possibly billed too. An
 * injected RequestLimitExceeded is not one: the client knows such a request was refused.
 */
export function unbilledLostAnswers(records: readonly Pick<SandboxRequestRecord, 'billable' | 'contentHash' | 'fault'>[]): number {
	const billed = new Set(records.filter((record) => record.billable).map((record) => record.contentHash));
	return records.filter(
		(record) => record.fault !== undefined && record.fault !== 'requestLimitExceeded' && !record.billable && billed.has(record.contentHash),
	).length;
}
