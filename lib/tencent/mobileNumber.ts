/**
 * Mainland China mobile numbers, as the phone checks take them: what can be one (checked before
 * anything billable is sent) and how it is shown where a full number must not be. Pure, no n8n import.
 */

/** A mainland mobile number's digits. */
export const MOBILE_DIGITS = 11;

/** 11 digits starting 13…19 (a `+86` or `0086` prefix is the country code, not part of the number). */
export const MOBILE_NUMBER = '1[3-9]\\d{9}';
const MOBILE_PATTERN = new RegExp(`^${MOBILE_NUMBER}$`);

/**
 * The 11 digits of a number as people write it: spaces and hyphens between digits are dropped,
 * and so is a leading `+86` or `0086`; does not validate.
 */
export function normalizeMobileNumber(phone: string): string {
	return phone
		.trim()
		.replace(/(?<=\d)[ -](?=\d)/g, '')
		.replace(/^(\+86|0086)(?=1\d{10}$)/, '');
}

/** Why `phone` (normalised) cannot be a mainland mobile number, or undefined when it can. */
export function mobileNumberProblem(phone: string): string | undefined {
	if (!/^\d+$/.test(phone)) return 'must hold only digits (a +86 prefix, spaces or hyphens are allowed)';
	if (phone.length !== MOBILE_DIGITS) return `must have ${MOBILE_DIGITS} digits, not ${phone.length}`;
	if (!MOBILE_PATTERN.test(phone)) return 'must start with 13 to 19 (a mainland China mobile number)';
	return undefined;
}

/**
 * `13800138000` → `138****8000`: the network prefix and the last four digits, as carriers show a
 * mobile number. Anything of another length (a typo, a card number in the wrong field) keeps only
 * its last four characters, and nothing when it has eight or fewer.
 */
export function maskMobileNumber(phone: string): string {
	const chars = Array.from(phone);
	if (chars.length === MOBILE_DIGITS) return `${chars.slice(0, 3).join('')}****${chars.slice(-4).join('')}`;
	if (chars.length <= 8) return '*'.repeat(chars.length);
	return `${'*'.repeat(chars.length - 4)}${chars.slice(-4).join('')}`;
}
