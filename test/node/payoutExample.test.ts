/**
 * examples/kyc-payout-account.json, as a user would import it, through n8n's engine against the
 * sandbox: each CRM payout account goes through the bank card check (four elements), then the
 * reserved phone's status, then its months in use; every mismatch reaches the alert branch, and
 * what a human must look at reaches review. The phone is checked only for cards that are the person's.
 */
import { join } from 'path';

import type { INodeExecutionData } from 'n8n-workflow';

import { SANDBOX_CREDENTIALS, startSandbox, type Sandbox } from '../../sandbox/server';
import { packageTypes, runWorkflow } from '../harness';

const EXAMPLE = join(__dirname, '../../examples/kyc-payout-account.json');

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

const pairedIndex = (item: INodeExecutionData) => (item.pairedItem as { item: number }).item;

test('routes each payout account by the first check it fails, and checks the phone only of cards that pass', async () => {
	const result = await runWorkflow(EXAMPLE, {
		credentials: { tencentCloudApi: { ...SANDBOX_CREDENTIALS, site: 'international', endpoint: sandbox.url } },
		...packageTypes(),
	});
	expect(result.error).toBeUndefined();

	// Each check's items, traced back to the CRM record they are about.
	const records = result.inputsOf('Bank card is theirs').map((item) => String(item.json.crmId));
	const [cardPassed, cardFailed, cardReview, cardError] = result.outputs('Bank card is theirs').map((items) => items.map((item) => records[pairedIndex(item)]));
	const [statusPassed, statusFailed, statusReview] = result.outputs('Phone in service').map((items) => items.map((item) => cardPassed[pairedIndex(item)]));
	const [monthsPassed, monthsFailed, monthsReview] = result.outputs('Phone in use 6 months').map((items) => items.map((item) => statusPassed[pairedIndex(item)]));

	expect(monthsPassed).toEqual(['CRM-3001']);
	// Alerts: a card that is someone else's, a lost card, a suspended phone.
	expect([...cardFailed, ...statusFailed, ...monthsFailed]).toEqual(['CRM-3004', 'CRM-3005', 'CRM-3003']);
	// Review: a card that cannot be checked online; a phone in use for under 6 months.
	expect([...cardReview, ...statusReview, ...monthsReview]).toEqual(['CRM-3006', 'CRM-3002']);
	expect(cardError).toEqual(['CRM-3007']);
	expect(String(result.outputs('Bank card is theirs')[3][0].json.error)).toBe('Bank Card Number must have 13 to 19 digits, not 12 [item 6]');

	// Six card checks (the malformed number never left), three phone statuses, two months in use; all billed.
	expect(sandbox.requests.map((request) => request.action)).toEqual([...Array(6).fill('BankCard4EVerification'), ...Array(3).fill('MobileStatus'), ...Array(2).fill('MobileNetworkTimeVerification')]);
	expect(sandbox.requests.every((request) => request.billable)).toBe(true);
});
