/**
 * Mainland China resident ID numbers (GB 11643-1999): check digit, validation, normalisation and
 * the masking Tencent applies in its answers, and the name rule that goes with them. Pure, no n8n
 * import: the node checks input with `idCardNumberProblem` before paying for a call, and the
 * sandbox decides Result "-2" with the same function.
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

/** Whether yyyymmdd is a real calendar date (UTC). */
export function isCalendarDate(yyyymmdd: string): boolean {
	const year = Number(yyyymmdd.slice(0, 4));
	const month = Number(yyyymmdd.slice(4, 6));
	const day = Number(yyyymmdd.slice(6, 8));
	const date = new Date(Date.UTC(year, month - 1, day));
	return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Whether a real yyyymmdd date lies between 1800-01-01 and `today` (UTC). */
function isPlausibleBirthDate(yyyymmdd: string, today: Date): boolean {
	const year = Number(yyyymmdd.slice(0, 4));
	const date = Date.UTC(year, Number(yyyymmdd.slice(4, 6)) - 1, Number(yyyymmdd.slice(6, 8)));
	return year >= EARLIEST_BIRTH_YEAR && date <= today.getTime();
}

export interface IdCardValidationOptions {
	/** Latest acceptable birth date; defaults to now. The sandbox passes its own clock. */
	today?: Date;
}

/**
 * Why an ID number cannot be a valid GB 11643 number, or undefined when it can: 18 characters,
 * 17 digits then a digit or X, a real calendar date at positions 7-14, the right check digit, and
 * a birth date between 1800 and `today`. Surrounding spaces and a lower-case x are not accepted: call
 * `normalizeIdCardNumber` first.
 */
export function idCardNumberProblem(id: string, options: IdCardValidationOptions = {}): string | undefined {
	if (id.length !== 18) return `must have 18 characters, not ${id.length}`;
	if (!/^\d{17}[\dX]$/.test(id)) return 'must be 17 digits followed by a digit or X';
	const birth = id.slice(6, 14);
	if (!isCalendarDate(birth)) return 'has no valid birth date in characters 7 to 14';
	if (idCardCheckDigit(id.slice(0, 17)) !== id[17]) return 'has a wrong check digit (GB 11643)';
	if (!isPlausibleBirthDate(birth, options.today ?? new Date())) return 'has no valid birth date in characters 7 to 14 (before 1800 or in the future)';
	return undefined;
}

export function isValidIdCardNumber(id: string, options: IdCardValidationOptions = {}): boolean {
	return idCardNumberProblem(normalizeCheckCharacter(id), options) === undefined;
}

/** `x` → `X` in the check position only (the historic `isValidIdCardNumber` accepted it). */
function normalizeCheckCharacter(id: string): string {
	return id.length === 18 && id[17] === 'x' ? `${id.slice(0, 17)}X` : id;
}

/**
 * Longest name the node sends and the sandbox accepts: Tencent documents no limit and answers
 * "-3" for a name it finds too long, so this only stops what no ID card holds.
 */
export const MAX_NAME_LENGTH = 64;

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
