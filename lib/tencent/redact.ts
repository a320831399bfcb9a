/**
 * Keeps personal data and secrets out of places they do not belong: masking for output items (the
 * way Tencent masks, `韦**`, `1****************X`) and scrubbing for text that ends up in error
 * messages and logs (an echoed ID number, a photo, a key). Pure, no n8n import.
 */
import { BANK_CARD_DIGITS, maskBankCardNumber } from './bankCardNumber';
import { maskIdCardNumber, maskName } from './idCardNumber';
import { maskMobileNumber, MOBILE_NUMBER } from './mobileNumber';

/** Answer fields that hold a person's name, across the FaceID actions and CardInfo documents. */
export const NAME_FIELDS: ReadonlySet<string> = new Set([
	'Name',
	'CnName',
	'EnName',
	'FullName',
	'FirstName',
	'LastName',
	'Surname',
	'GivenName',
	'ThaiName',
	'EnFirstName',
	'EnLastName',
	'LocalName',
]);

/** Answer fields that hold an identity document number. */
export const ID_NUMBER_FIELDS: ReadonlySet<string> = new Set([
	'IdCard',
	'IdNum',
	'IdCardNumber',
	'LicenseNumber',
	'PersonalNumber',
	'NRIC',
	'PassportNumber',
]);

/** Answer fields that hold a bank card number. */
export const BANK_CARD_FIELDS: ReadonlySet<string> = new Set(['BankCard']);

/** Answer fields that hold a phone number. */
export const PHONE_FIELDS: ReadonlySet<string> = new Set(['Phone', 'Mobile']);

/**
 * A copy of `value` with every name field masked as Tencent masks names and every ID-number field
 * as Tencent masks ID numbers, at any depth (CardInfo nests them). Other fields are kept as they are.
 */
export function maskPersonalData<T>(value: T): T {
	return maskValue(value, undefined) as T;
}

function maskValue(value: unknown, key: string | undefined): unknown {
	if (typeof value === 'string' && key !== undefined) {
		if (NAME_FIELDS.has(key)) return maskName(value);
		if (ID_NUMBER_FIELDS.has(key)) return maskIdCardNumber(value);
		if (BANK_CARD_FIELDS.has(key)) return maskBankCardNumber(value);
		if (PHONE_FIELDS.has(key)) return maskMobileNumber(value);
		return value;
	}
	if (Array.isArray(value)) return value.map((entry) => maskValue(entry, key));
	if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskValue(v, k)]));
	}
	return value;
}

/** An 18-character mainland ID number standing alone (not part of a longer token). */
const ID_NUMBER_PATTERN = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;

/**
 * A mainland mobile number, and a bank card number (an ID number is masked before), as runs of
 * digits of their own: a letter beside them does not protect them (an escaped `\n` in an echoed
 * body). Any other run of 13 to 19 digits, a millisecond timestamp say, is masked like a card.
 */
const MOBILE_NUMBER_PATTERN = new RegExp(`(?<!\\d)${MOBILE_NUMBER}(?!\\d)`, 'g');
const BANK_CARD_PATTERN = new RegExp(`(?<!\\d)\\d{${BANK_CARD_DIGITS.min},${BANK_CARD_DIGITS.max}}(?!\\d)`, 'g');

/** A run of base64 long enough to be a photo or a key rather than a word. */
const LONG_BASE64_PATTERN = /[A-Za-z0-9+/]{200,}={0,2}/g;

/** Secrets shorter than this are not searched for: replacing "a" everywhere would ruin the text. */
const MIN_SECRET_LENGTH = 4;

export const REDACTED = '[redacted]';

/**
 * Scrubs text bound for an error message or a log: each secret becomes `[redacted]`, each ID,
 * mobile or bank card number is masked, and a long base64 run (a photo, a key) is replaced by its length.
 */
export function scrubText(text: string, secrets: ReadonlyArray<string | undefined> = []): string {
	let result = text;
	for (const secret of secrets) {
		const value = secret?.trim();
		if (!value || value.length < MIN_SECRET_LENGTH) continue;
		result = result.split(value).join(REDACTED);
		result = redactCutPrefix(result, value);
	}
	return result
		.replace(LONG_BASE64_PATTERN, (run) => `[${run.length} characters of base64 removed]`)
		.replace(ID_NUMBER_PATTERN, (id) => maskIdCardNumber(id))
		.replace(CUT_DIGITS_PATTERN, (digits) => maskIdCardNumber(digits))
		.replace(MOBILE_NUMBER_PATTERN, (phone) => maskMobileNumber(phone))
		.replace(BANK_CARD_PATTERN, (card) => maskBankCardNumber(card));
}

/** Where an excerpt was cut (`…`, the client's marker): a secret or an ID number may end there half-way. */
const CUT = '…';

/** Digits cut off by an excerpt: possibly the start of an ID number (with its birth date). */
const CUT_DIGITS_PATTERN = new RegExp(`(?<![0-9A-Za-z])\\d{6,17}(?=${CUT})`, 'g');

/** Replaces the start of `secret` (4 characters or more) left just before a cut. */
function redactCutPrefix(text: string, secret: string): string {
	let result = text;
	for (let length = secret.length - 1; length >= MIN_SECRET_LENGTH; length--) {
		const cutSecret = `${secret.slice(0, length)}${CUT}`;
		if (result.includes(cutSecret)) result = result.split(cutSecret).join(`${REDACTED}${CUT}`);
	}
	return result;
}

/**
 * Scrubs every string inside a JSON-like value (error bodies, metadata) with `scrubText`.
 * Returns a copy; cycles are cut.
 */
export function scrubValue<T>(value: T, secrets: ReadonlyArray<string | undefined> = []): T {
	const seen = new WeakSet<object>();
	const walk = (entry: unknown): unknown => {
		if (typeof entry === 'string') return scrubText(entry, secrets);
		if (!entry || typeof entry !== 'object') return entry;
		if (seen.has(entry)) return '[Circular]';
		seen.add(entry);
		if (Array.isArray(entry)) return entry.map(walk);
		return Object.fromEntries(Object.entries(entry).map(([k, v]) => [k, walk(v)]));
	};
	return walk(value) as T;
}
