/**
 * examples/kyc-face-photo.json, as a user would import it, through n8n's engine against the
 * sandbox: CRM records with face photos go through ImageRecognitionV2, and every Failed item
 * reaches the alert branch with its CRM reference (echoed by Tencent in Extra) and the reason.
 */
import { join } from 'path';

import { SANDBOX_CREDENTIALS, startSandbox, type Sandbox } from '../../sandbox/server';
import { packageTypes, runWorkflow } from '../harness';

const EXAMPLE = join(__dirname, '../../examples/kyc-face-photo.json');

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

test('routes each CRM record by outcome and sends Failed ones to the alert branch', async () => {
	const result = await runWorkflow(EXAMPLE, {
		credentials: {
			tencentCloudApi: { ...SANDBOX_CREDENTIALS, site: 'international', endpoint: sandbox.url },
		},
		...packageTypes(),
	});
	expect(result.error).toBeUndefined();

	const records = result.inputsOf('FaceID').map((item) => item.json.crmId);
	const crmIdsAt = (node: string) =>
		result.inputsOf(node).map((item) => {
			const paired = item.pairedItem as { item: number };
			return records[paired.item];
		});

	expect(crmIdsAt('Approve')).toEqual(['CRM-2001']);
	expect(crmIdsAt('Alert: face check failed')).toEqual(['CRM-2002', 'CRM-2003', 'CRM-2004']);
	expect(crmIdsAt('Human review')).toEqual(['CRM-2005', 'CRM-2006']);
	expect(crmIdsAt('Fix the record')).toEqual(['CRM-2007']);

	// The alerts say which record and why: a different face, a similarity under 70, a name that does not fit the number.
	expect(result.inputsOf('Send alert').map((item) => [item.json.crmId, item.json.code])).toEqual([
		['CRM-2002', 'FailedOperation.CompareLowSimilarity'],
		['CRM-2003', 'Success'],
		['CRM-2004', 'FailedOperation.IdNameMisMatch'],
	]);
	expect(result.inputsOf('Send alert')[1].json.reason).toBe('Similarity 62.5 is below the threshold 70 (Tencent answered Success)');
	for (const alert of result.inputsOf('Send alert')) expect(alert.json.requestId).toMatch(/^[0-9a-f-]{36}$/);

	// The record with a 17-digit number never reached Tencent: six calls for seven records.
	expect(sandbox.requests).toHaveLength(6);
	expect(String(result.inputsOf('Fix the record')[0].json.error)).toBe('ID Card Number must have 18 characters, not 17 [item 6]');
});
