/**
 * Bank card numbers, as the bank-card checks take them: what can be one (checked before anything
 * billable is sent) and how it is shown where a full number must not be. Pure, no n8n import.
 */

/** UnionPay and the international schemes issue cards of 13 to 19 digits. */
export const BANK_CARD_DIGITS = { min: 13, max: 19 } as const;

/**
 * The digits of a card number as people write it: spaces and hyphens between groups of digits
 * (`6222 0202 0000 1234`) are dropped, nothing else is; does not validate.
 */
export function normalizeBankCardNumber(card: string): string {
	return card.trim().replace(/(?<=\d)[ -](?=\d)/g, '');
}

/** Why `card` (normalised) cannot be a bank card number, or undefined when it can. */
export function bankCardNumberProblem(card: string): string | undefined {
	if (!/^\d+$/.test(card)) return 'must hold only digits (spaces or hyphens between groups are allowed)';
	const { min, max } = BANK_CARD_DIGITS;
	if (card.length < min || card.length > max) return `must have ${min} to ${max} digits, not ${card.length}`;
	return undefined;
}

/** `6222020200001234` → `************1234`: the last four digits, as banks print a card. */
export function maskBankCardNumber(card: string): string {
	const chars = Array.from(card);
	if (chars.length <= 4) return '*'.repeat(chars.length);
	return `${'*'.repeat(chars.length - 4)}${chars.slice(-4).join('')}`;
}
