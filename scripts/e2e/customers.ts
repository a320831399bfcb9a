/**
 * The test customers of a verification-link example, in headless Chromium: each opens the link the
 * workflow created, uses the sandbox's verification page as scripts/testCustomers.ts says, and (unless
 * they leave) lands on the n8n webhook of the active FaceID Return Trigger, whose page is what a
 * customer sees at the end (docs/screenshots/customer-return.png). The results are then checked
 * with the trigger workflows: by the Return Trigger for those who came back, by the poll for the other.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { chromium } from 'playwright-core';

import { REPO_ROOT } from '../n8n/paths';
import type { RunExecutionData } from '../n8n/rest';
import type { ExampleWorkflow } from '../n8n/userFolder';
import { pageChoice, TEST_CUSTOMERS } from '../testCustomers';
import type { E2eContext } from './context';
import { packageNodes } from './outputs';
import { CHROMIUM_ARGS, SCREENSHOT_DIR } from './screenshots';
import { CHROMIUM } from './system';

/** A workflow whose links return to a FaceID Return Trigger: it runs once that trigger's workflow is active. */
export function needsActiveReturnTrigger(example: ExampleWorkflow): boolean {
	return packageNodes(example.json).some(
		(node) => node.parameters?.operation === 'createVerificationLink' && (node.parameters?.returnTo ?? 'returnTrigger') === 'returnTrigger',
	);
}

export interface VisitOptions {
	mode: string;
	/** The n8n the links return to. */
	n8nUrl: string;
	/** Save the landing page as the README's screenshot. */
	screenshot?: boolean;
}

/** Links the example's run created: reference and URL of each item its FaceID node sent on. */
function linksOf(example: ExampleWorkflow, data: RunExecutionData): Array<{ reference: string; url: string }> {
	return packageNodes(example.json).flatMap((node) =>
		(data.resultData.runData[node.name]?.[0]?.data?.main ?? []).flatMap((items) =>
			(items ?? []).map((item) => ({ reference: String(item.json.reference ?? ''), url: String(item.json.verificationUrl ?? '') })),
		),
	);
}

export async function visitLinks(ctx: E2eContext, example: ExampleWorkflow, data: RunExecutionData, options: VisitOptions): Promise<void> {
	const { report } = ctx;
	const links = linksOf(example, data).filter((link) => TEST_CUSTOMERS[link.reference]);
	const problems: string[] = links.length ? [] : [`examples/${example.file} created no link for a test customer`];
	const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
	try {
		for (const link of links) {
			const action = TEST_CUSTOMERS[link.reference];
			const context = await browser.newContext({ viewport: { width: 390, height: 760 }, deviceScaleFactor: 2 });
			context.setDefaultTimeout(30_000);
			const page = await context.newPage();
			try {
				await page.goto(link.url);
				// Who leaves closes the tab as Tencent's page sends them back: the page gets the choice,
				// the browser never follows the redirect to n8n (a route does not see redirects, so the
				// form's own request is sent without following, and the tab then shows nothing).
				if (action === 'leave') {
					await page.route(link.url, async (route) => {
						if (route.request().method() !== 'POST') return await route.continue();
						await route.fetch({ maxRedirects: 0 });
						await route.abort();
					});
				}
				const choice = page.locator(`button[name="choice"][value="${pageChoice(action)}"]`);
				if (action === 'leave') {
					await Promise.all([page.waitForEvent('requestfailed'), choice.click()]);
					report.line(`customer ${link.reference}: left the page; the browser never came back`, 2);
				} else {
					await Promise.all([page.waitForURL((url) => url.href.startsWith(`${options.n8nUrl}/webhook/`)), choice.click()]);
					const title = (await page.locator('h1').textContent())?.trim();
					report.line(`customer ${link.reference}: chose ${action}, back at n8n ${new URL(page.url()).pathname} — "${title}"`, 2);
					if (!title) problems.push(`${link.reference}: the Return Trigger's page has no title`);
					if (options.screenshot && action === 'pass') {
						mkdirSync(SCREENSHOT_DIR, { recursive: true });
						const file = path.join(SCREENSHOT_DIR, 'customer-return.png');
						await page.screenshot({ path: file });
						report.line(`${path.relative(REPO_ROOT, file)}: what the customer sees when they are back`, 2);
					}
				}
			} catch (error) {
				problems.push(`${link.reference} (${action}): ${(error as Error).message.split('\n')[0]}`);
			} finally {
				await context.close();
			}
		}
	} finally {
		await browser.close();
	}
	report.check(`${options.mode}: ${example.file} — each test customer used their link in Chromium; who finished landed on the Return Trigger`, problems, 2);
}
