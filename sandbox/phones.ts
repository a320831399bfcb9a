/**
 * The sandbox's "carrier": fictional mainland mobile numbers with the name each is registered to,
 * its status and how long it has been in use, and numbers that always meet a busy service or a used
 * up daily limit. The phone checks answer from it, each in its own codes (in its answer file).
 * Documented in sandbox/README.md: keep the two in step.
 */
import { mobileNumberProblem, normalizeMobileNumber } from '../lib/tencent/mobileNumber';

export interface TestPhone {
	phone: string;
	/** The name the number is registered to. */
	holder?: string;
	/** The holder's ID number (the three-element check compares it too). */
	holderIdCard?: string;
	/** Carrier status: 0 in service, 1 suspended, 2 cancelled, 4 not on the network, 5 unusable, 99 unknown. */
	status?: 0 | 1 | 2 | 4 | 5 | 99;
	/** Months in use as Tencent's `Range`, or that the carrier cannot tell. */
	monthsInUse?: string | 'unknown';
	/** What every check of this number meets, whatever is asked. */
	fault?: 'busy' | 'dailyLimit';
	note: string;
}

export const TEST_PHONES: readonly TestPhone[] = [
	// Written the way Tencent's own example writes it; the API page writes "[a,b)".
	{ phone: '13800138000', holder: '张三', holderIdCard: '110105198506150022', status: 0, monthsInUse: '(24,+]', note: "张三's number, the one his bank holds" },
	{ phone: '13900139000', holder: 'Wei Xiaobao', holderIdCard: '110101199003070011', status: 0, monthsInUse: '[6,12)', note: "Wei Xiaobao's number" },
	{ phone: '15000150000', holder: '王五', holderIdCard: '51010720000229007X', status: 0, monthsInUse: '[0,3)', note: "王五's number, new" },
	{ phone: '13700000001', status: 1, monthsInUse: '[12,24)', note: 'suspended' },
	{ phone: '13700000002', status: 2, note: 'cancelled: no months in use any more' },
	{ phone: '13700000004', status: 4, monthsInUse: '[3,6)', note: 'not on the network' },
	{ phone: '13700000005', status: 5, monthsInUse: '[3,12)', note: 'on the network but unusable' },
	{ phone: '13700000099', status: 99, monthsInUse: 'unknown', note: 'the carrier knows neither its status nor its months in use' },
	{ phone: '13700000003', fault: 'busy', note: 'always meets a busy verification service' },
	{ phone: '13700000006', fault: 'dailyLimit', note: 'its daily attempts are always used up' },
];

/** 170 and 171 numbers belong to virtual carriers, which the checks do not cover. */
export const isUnsupportedRange = (phone: string): boolean => /^17[01]/.test(phone);

/** What the carrier knows of a number: `invalid` when it is not a mainland mobile number at all. */
export function lookUpPhone(raw: string): TestPhone | 'invalid' | 'unsupported' | undefined {
	const phone = normalizeMobileNumber(raw);
	if (mobileNumberProblem(phone)) return 'invalid';
	if (isUnsupportedRange(phone)) return 'unsupported';
	return TEST_PHONES.find((row) => row.phone === phone);
}
