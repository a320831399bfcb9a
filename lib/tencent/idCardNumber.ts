/**
 * Mainland China resident ID numbers (GB 11643-1999): check digit, validation, normalisation and
 * the masking Tencent applies in its answers. Pure, no n8n import: the node validates input with
 * it before paying for a call, and the sandbox decides Result "-2" with the same code.
 */

const CHECK_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';

/** Birth dates before this are not plausible (the standard's own example is born in 1880). */
const EARLIEST_BIRTH_YEAR = 1800;

/** Check digit (0-9 or X) of the first 17 digits; throws when they are not 17 digits. */
export function idCardCheckDigit(first17: string): string {
	if (!/^\d{17}$/.test(first17)) {
		throw new RangeError('The check digit needs exactly 17 digits');
	}
	let sum = 0;
	for (let i = 0; i < 17; i++) {
		sum += Number(first17[i]) * CHECK_WEIGHTS[i];
	}
	return CHECK_CHARACTERS[sum % 11];
}

/** Trims and upper-cases the check character (`x` → `X`); does not validate. */
export function normalizeIdCardNumber(id: string): string {
	return id.trim().toUpperCase();
}

/** Whether yyyymmdd is a real calendar date between 1800-01-01 and `today` (UTC). */
function isPlausibleBirthDate(yyyymmdd: string, today: Date): boolean {
	const year = Number(yyyymmdd.slice(0, 4));
	const month = Number(yyyymmdd.slice(4, 6));
	const day = Number(yyyymmdd.slice(6, 8));
	const date = new Date(Date.UTC(year, month - 1, day));
	const isRealDate = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
	return isRealDate && year >= EARLIEST_BIRTH_YEAR && date.getTime() <= today.getTime();
}

export interface IdCardValidationOptions {
	/** Latest acceptable birth date; defaults to now. The sandbox passes its own clock. */
	today?: Date;
}

/**
 * True for an 18-character number: 17 digits, then a digit or X (`x` accepted), with the right
 * check digit and a plausible birth date at positions 7-14. Surrounding spaces are not accepted:
 * call `normalizeIdCardNumber` first.
 */
export function isValidIdCardNumber(id: string, options: IdCardValidationOptions = {}): boolean {
	if (!/^\d{17}[\dXx]$/.test(id)) return false;
	if (idCardCheckDigit(id.slice(0, 17)) !== id[17].toUpperCase()) return false;
	return isPlausibleBirthDate(id.slice(6, 14), options.today ?? new Date());
}

/** `110101199003070016` → `1****************6`, as Tencent masks it; 2 characters or fewer become all stars. */
export function maskIdCardNumber(id: string): string {
	const chars = Array.from(id);
	if (chars.length <= 2) return '*'.repeat(chars.length);
	return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** `韦小宝` → `韦**`: keeps the first character (by code point), masks the rest. */
export function maskName(name: string): string {
	const chars = Array.from(name);
	if (chars.length === 0) return '';
	return `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}
