/**
 * The validity period printed on a mainland resident ID card, as the validity check takes it: two
 * dates as YYYYMMDD, the end "00000000" for a card valid for life (长期). People and CRMs write
 * them as 2015.07.01, 2015-07-01 or an ISO timestamp; all are read. Pure, no n8n import: the node
 * checks the dates before paying for a call, and the sandbox decides Result "-4" with the same rule.
 */
import { isCalendarDate } from './idCardNumber';

/** Tencent's "long-term" end date: the card never expires. */
export const LONG_TERM = '00000000';

const LONG_TERM_WORDS = /^(长期|long[- ]?term|permanent)$/i;
const SEPARATED_DATE = /^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/** A date as Tencent wants it (YYYYMMDD, or LONG_TERM for a lifelong card); does not validate. */
export function normalizeValidityDate(raw: string): string {
	const text = raw.trim();
	if (LONG_TERM_WORDS.test(text)) return LONG_TERM;
	const separated = SEPARATED_DATE.exec(text);
	if (separated) return `${separated[1]}${separated[2].padStart(2, '0')}${separated[3].padStart(2, '0')}`;
	return text;
}

/** Why `value` (normalised) cannot be the card's first day of validity, or undefined. */
export function validFromProblem(value: string, today: Date = new Date()): string | undefined {
	if (value === LONG_TERM) return 'must be a date: only Valid Until can be long-term';
	if (!/^\d{8}$/.test(value) || !isCalendarDate(value)) return 'must be a date such as 20150701 or 2015-07-01';
	if (value > chinaDate(today)) return 'lies in the future';
	return undefined;
}

/** Why `value` (normalised) cannot be the card's last day of validity after `validFrom`, or undefined. */
export function validUntilProblem(value: string, validFrom: string): string | undefined {
	if (value === LONG_TERM) return undefined;
	if (!/^\d{8}$/.test(value) || !isCalendarDate(value)) return 'must be a date such as 20350701 or 2035-07-01, or "long-term"';
	if (value <= validFrom) return 'must come after Valid From';
	return undefined;
}

/** The calendar day (YYYYMMDD) of an instant in mainland China (UTC+8), where the cards are issued. */
export function chinaDate(instant: Date): string {
	return new Date(instant.getTime() + CHINA_UTC_OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, '');
}

const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;
