/**
 * What the three bank-card operations' tests share: the test cards of the sandbox as items, each
 * with the route, billing and retry advice its answer must get, and one run of an operation over
 * them through n8n's engine against the sandbox. Each operation's test picks the scenarios of the
 * elements it sends and checks its own codes.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { BankCardAnswer, BankCardPage } from '../../../../../../sandbox/bankCards';
import { onPage } from '../../../../../../sandbox/bankCards';
import type { Sandbox } from '../../../../../../sandbox/server';
import type { SingleCallOperation } from '../../../../../../nodes/FaceId/actions/types';
import { FACEID_NODE, runFaceId, sandboxCredential } from '../../../../../support/faceIdWorkflow';
import { routedRun } from './routedRun';
import { executeContext, failure } from './executeContext';

export type Element = 'idCard' | 'phone';

export interface BankCardScenario {
	label: string;
	item: { name: string; idCard: string; card: string; phone: string };
	answer: BankCardAnswer;
	route: 'Passed' | 'Failed' | 'Review';
	billable: boolean;
	retryable: boolean;
	/** The scenario tests this element: only operations that send it run it. */
	needs?: Element;
}

const ZHANG_SAN = { name: '张三', idCard: '110105198506150022', card: '6222020200001234567', phone: '13800138000' };
const anyone = (card: string) => ({ ...ZHANG_SAN, card });

export const BANK_CARD_SCENARIOS: readonly BankCardScenario[] = [
	{ label: 'the holder', item: ZHANG_SAN, answer: 'Verification passed', route: 'Passed', billable: true, retryable: false },
	{ label: 'another name', item: { ...ZHANG_SAN, name: '李四' }, answer: 'Verification failed', route: 'Failed', billable: true, retryable: false },
	{ label: 'another ID number', item: { ...ZHANG_SAN, idCard: '51010720000229007X' }, answer: 'Verification failed', route: 'Failed', billable: true, retryable: false, needs: 'idCard' },
	{ label: 'another phone', item: { ...ZHANG_SAN, phone: '13900139000' }, answer: 'Verification failed', route: 'Failed', billable: true, retryable: false, needs: 'phone' },
	{ label: 'wrong cardholder record', item: anyone('6212260200000000075'), answer: 'Incorrect cardholder information', route: 'Failed', billable: true, retryable: false },
	{ label: 'reported lost', item: anyone('6212260200000000026'), answer: 'The card has been reported lost', route: 'Failed', billable: true, retryable: false },
	{ label: 'expired', item: anyone('6212260200000000034'), answer: 'The card has expired', route: 'Failed', billable: true, retryable: false },
	{ label: 'an unknown card', item: anyone('6222020200009999999'), answer: 'Invalid card number', route: 'Failed', billable: true, retryable: false },
	{ label: 'card-not-present payments off', item: anyone('6212260200000000018'), answer: 'Card-not-present payment not enabled', route: 'Review', billable: true, retryable: false },
	{ label: 'dormant', item: anyone('6212260200000000042'), answer: 'Card not initialized or dormant', route: 'Review', billable: true, retryable: false },
	{ label: 'a busy service', item: anyone('6212260200000000059'), answer: 'Verification center busy', route: 'Review', billable: false, retryable: true },
	{ label: 'the daily limit', item: anyone('6212260200000000067'), answer: 'Verification attempts exceeded; retry tomorrow', route: 'Review', billable: false, retryable: true },
	{ label: 'a name Tencent refuses', item: { ...ZHANG_SAN, name: 'R2D2' }, answer: 'Name verification failed', route: 'Review', billable: false, retryable: false },
	{ label: 'a malformed card number', item: anyone('62220202'), answer: 'Invalid bank card number format', route: 'Review', billable: false, retryable: false },
	{ label: 'a malformed phone', item: { ...ZHANG_SAN, phone: '23800138000' }, answer: 'Invalid mobile number', route: 'Review', billable: false, retryable: false, needs: 'phone' },
];

/** The scenarios of an operation that sends `elements` besides name and card. */
export function scenariosFor(elements: readonly Element[]): BankCardScenario[] {
	return BANK_CARD_SCENARIOS.filter((scenario) => scenario.needs === undefined || elements.includes(scenario.needs));
}

/** The node's parameters for an operation, every element from the item. */
export function bankCardParameters(operation: string, extra: INodeParameters = {}): INodeParameters {
	return { operation, name: '={{ $json.name }}', idCard: '={{ $json.idCard }}', bankCard: '={{ $json.card }}', phone: '={{ $json.phone }}', ...extra };
}

/**
 * Runs `operation` over `scenarios` with the node's own checks off (Tencent, the sandbox, judges
 * malformed numbers): each item's route, outcome and the sandbox's billing.
 */
export async function runScenarios(sandbox: Sandbox, operation: string, scenarios: readonly BankCardScenario[]) {
	const parameters = bankCardParameters(operation, { options: { validateBeforeSending: false } });
	return await routedRun(sandbox, parameters, scenarios.map((scenario) => scenario.item));
}

/** Each scenario's code on the action's page, with the route and billing the package must give it. */
export function expectedOn(page: BankCardPage, scenarios: readonly BankCardScenario[]) {
	return scenarios.map((scenario) => ({ code: onPage(page, scenario.answer).Result, billable: scenario.billable, retryable: scenario.retryable }));
}

/** The holder's elements as people type them: spaces, hyphens, a country code. */
export const TYPED_AS_PEOPLE_DO = { name: ' 张三 ', idCard: '110105198506150022', bankCard: '6222 0202 0000 1234 567', phone: '+86 138-0013-8000' };

/** The request an operation builds from `parameters` for item 0, with a stand-in n8n context. */
export const buildRequest = (operation: SingleCallOperation, parameters: Record<string, unknown>) =>
	operation.buildRequest.call(executeContext({ parameters }), 0);

/** The checks of the card number every bank-card operation makes before sending. */
export function describeCardNumberCheck(operation: SingleCallOperation): void {
	test('a bank card number that is not one is refused before sending, naming the field; with the check off it is sent as typed', async () => {
		const error = await failure(() => buildRequest(operation, { ...TYPED_AS_PEOPLE_DO, bankCard: '6222O20200001234' }));
		expect(error.message).toBe('Bank Card Number must hold only digits (spaces or hyphens between groups are allowed) [item 0]');
		const unchecked = await buildRequest(operation, { ...TYPED_AS_PEOPLE_DO, bankCard: '62220202', options: { validateBeforeSending: false } });
		expect(unchecked).toMatchObject({ BankCard: '62220202' });
	});
}

/**
 * The tests every bank-card operation passes through n8n's engine against the sandbox: each
 * scenario of its elements routed, coded, billed and advised as its page says; a malformed card
 * number stopped before sending unless the check is off.
 */
export function describeThroughTheEngine(operation: string, page: BankCardPage, elements: readonly Element[], startSandbox: () => Promise<Sandbox>): void {
	describe('through the engine, against the sandbox', () => {
		let sandbox: Sandbox;
		beforeAll(async () => {
			sandbox = await startSandbox();
		});
		afterAll(async () => sandbox.close());

		const scenarios = scenariosFor(elements);

		test('every test card leaves by the output, with the code and billing, its answer gets on this action\'s page', async () => {
			const run = await runScenarios(sandbox, operation, scenarios);
			expect(scenarios.map((scenario, index) => [scenario.label, run.routes[index]])).toEqual(scenarios.map((scenario) => [scenario.label, scenario.route]));
			expect(run.outcomes.map(({ code, billable, retryable }) => ({ code, billable, retryable }))).toEqual(expectedOn(page, scenarios));
			// The sandbox billed exactly the answers the items call billable.
			expect(run.billed).toBe(scenarios.filter((scenario) => scenario.billable).length);
			// Passed, failed and review: every outcome class is exercised.
			expect(new Set(run.routes)).toEqual(new Set(['Passed', 'Failed', 'Review']));
		});

		test('with the checks on, a malformed card number goes to the error output, masked, and nothing is sent', async () => {
			sandbox.clearRequests();
			const parameters = bankCardParameters(operation);
			const items = [{ json: { ...BANK_CARD_SCENARIOS[0].item, card: '6222-0202-0000' } }];
			const result = await runFaceId({ parameters, items, credential: sandboxCredential(sandbox), onError: 'continueErrorOutput' });
			const [failure] = result.outputs(FACEID_NODE)[3];
			expect(failure.json.error).toBe('Bank Card Number must have 13 to 19 digits, not 12 [item 0]');
			expect(failure.json.details).toBe('Received ********0000. Nothing was sent to Tencent Cloud, so this item cost nothing.');
			expect(sandbox.requests).toHaveLength(0);
		});
	});
}
