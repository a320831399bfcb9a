/**
 * What the test customers of examples/kyc-link-send.json do on the sandbox's verification page,
 * for the demo (over HTTP) and the e2e (in headless Chromium): one passes, one fails, and one
 * leaves and never comes back, so the FaceID Trigger's poll has to find that result.
 */
export type CustomerAction = 'pass' | 'fail' | 'leave';

export const TEST_CUSTOMERS: Readonly<Record<string, CustomerAction>> = {
	'CRM-4001': 'pass',
	'CRM-4002': 'fail',
	'CRM-4003': 'leave',
};

/** The page's button for an action: leaving is its "abandon" button, with no return afterwards. */
export function pageChoice(action: CustomerAction): 'pass' | 'fail' | 'abandon' {
	return action === 'leave' ? 'abandon' : action;
}
