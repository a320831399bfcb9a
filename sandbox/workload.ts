/**
 * Many distinct name + ID-number check requests with known answers, for load and resilience runs:
 * distinct so that the sandbox's content hashes tell a check billed twice from two checks.
 * Built from the identity table's rules (sandbox/identities.ts): a registered number with its
 * name in another letter case matches ("0"), with another name mismatches ("-1"), and a valid
 * number nobody registered has no record ("-5").
 */
import { idCardCheckDigit } from '../lib/tencent/idCardNumber';
import type { IdCardVerificationResult } from './identities';

export interface WorkloadIdentity {
	name: string;
	idCard: string;
	/** The Result the sandbox gives this pair. */
	expected: Extract<IdCardVerificationResult, '0' | '-1' | '-5'>;
}

/** Registered people with Latin names: letter case is ignored when names are compared. */
const REGISTERED_LATIN = [
	{ name: 'Wei Xiaobao', idCard: '110101199003070011' },
	{ name: 'Chen Jing', idCard: '440305199505132561' },
];

/** 张三's number: any other valid name mismatches. */
const MISMATCH_NUMBER = '110105198506150022';

/** The `index`-th letter-case variant of a name (bit i of index upper-cases letter i). */
function caseVariant(name: string, index: number): string {
	let letter = 0;
	return Array.from(name)
		.map((char) => {
			if (!/[a-z]/i.test(char)) return char;
			const upper = (index >> letter++) & 1;
			return upper ? char.toUpperCase() : char.toLowerCase();
		})
		.join('');
}

/** A name of letters only, distinct for each index ("Person Ab", "Person Ac", …). */
function distinctName(index: number): string {
	let suffix = '';
	let n = index;
	do {
		suffix = String.fromCharCode(97 + (n % 26)) + suffix;
		n = Math.floor(n / 26);
	} while (n > 0);
	return `Person ${suffix.charAt(0).toUpperCase()}${suffix.slice(1)}x`;
}

/** A valid ID number nobody in the sandbox registered: Nanjing, born 1993-05-12, sequence `index`. */
function unregisteredNumber(index: number): string {
	const first17 = `32010619930512${String(100 + (index % 900)).padStart(3, '0')}`;
	if (index >= 900) throw new RangeError('unregisteredNumber: at most 900 distinct numbers');
	return first17 + idCardCheckDigit(first17);
}

/**
 * `count` distinct identities cycling match, mismatch, no record (so 2 in 3 are billable).
 * Deterministic: the same count gives the same list.
 */
export function workloadIdentities(count: number): WorkloadIdentity[] {
	const identities: WorkloadIdentity[] = [];
	let matches = 0;
	let mismatches = 0;
	let unregistered = 0;
	for (let i = 0; i < count; i++) {
		switch (i % 3) {
			case 0: {
				const person = REGISTERED_LATIN[matches % REGISTERED_LATIN.length];
				const variant = Math.floor(matches / REGISTERED_LATIN.length);
				identities.push({ name: caseVariant(person.name, variant), idCard: person.idCard, expected: '0' });
				matches++;
				break;
			}
			case 1:
				identities.push({ name: distinctName(mismatches++), idCard: MISMATCH_NUMBER, expected: '-1' });
				break;
			default:
				identities.push({ name: distinctName(unregistered), idCard: unregisteredNumber(unregistered++), expected: '-5' });
		}
	}
	return identities;
}
