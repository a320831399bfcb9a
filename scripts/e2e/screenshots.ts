/**
 * Screenshots of this package inside the running n8n editor, taken by headless Chromium (Debian's
 * package, driven by playwright-core): the workflow after clicking Execute, the FaceID node's
 * operation list, and the credential form. They go to docs/screenshots/ for the README.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { chromium, type Browser, type Page } from 'playwright-core';

import { REPO_ROOT } from '../n8n/paths';
import type { N8nRest } from '../n8n/rest';
import { CHROMIUM } from './system';

export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'docs', 'screenshots');

export interface ScreenshotTarget {
	/** The editor's base URL. */
	baseUrl: string;
	/** A signed-in REST session: its cookie and browser id are handed to the browser. */
	rest: N8nRest;
	/** A workflow with a manual trigger and a FaceID node routed by outcome. */
	workflowId: string;
	/** The FaceID node's name in it. */
	faceIdNode: string;
}

export interface Screenshot {
	file: string;
	shows: string;
}

export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	// Only the loopback: any other host fails to resolve instead of going out.
	'--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

export async function takeScreenshots(target: ScreenshotTarget): Promise<Screenshot[]> {
	mkdirSync(SCREENSHOT_DIR, { recursive: true });
	// playwright-core gives every launch a fresh --user-data-dir of its own.
	const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
	try {
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
		context.setDefaultTimeout(30_000);
		const cookie = target.rest.cookie;
		if (!cookie) throw new Error('screenshots need a signed-in REST session');
		await context.addCookies([{ name: 'n8n-auth', value: cookie, url: target.baseUrl }]);
		// n8n binds the session to the browser id its editor keeps in localStorage.
		await context.addInitScript((browserId: string) => localStorage.setItem('n8n-browserId', browserId), target.rest.browserId);
		const page = await context.newPage();
		const shots: Screenshot[] = [];

		await page.goto(`${target.baseUrl}/workflow/${target.workflowId}`);
		const execute = page.locator('[data-test-id="execute-workflow-button"]');
		await execute.click();
		// Every node shows its success mark once the run is over.
		await page.locator('[data-test-id="canvas-node-status-success"]').first().waitFor();
		await waitForIdle(page);
		shots.push(await save(page, 'workflow-after-run.png', 'the example workflow after Execute: items per output on each connection'));

		await page.locator(`[data-test-id="canvas-node"][data-node-name="${target.faceIdNode}"]`).dblclick();
		await page.locator('[data-test-id="ndv"]').waitFor();
		await page.locator('[data-test-id="parameter-input-operation"]').click();
		await page.locator('[role="option"]:visible').first().waitFor();
		await waitForIdle(page);
		shots.push(await save(page, 'node-operations.png', "the FaceID node's panel with its operation list open"));

		await page.keyboard.press('Escape');
		await page.locator('[data-test-id="credential-edit-button"]').click();
		await page.locator('[data-test-id="editCredential-modal"]').waitFor();
		// n8n tests a saved credential when its form opens: the sandbox must accept the keys.
		await page.locator('[data-test-id="credentials-config-container-test-success"]').waitFor();
		await waitForIdle(page);
		shots.push(await save(page, 'credential-form.png', 'the Tencent Cloud API credential form, tested against the sandbox'));
		return shots;
	} finally {
		await browser.close();
	}
}

async function waitForIdle(page: Page): Promise<void> {
	await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => undefined);
	// Let transitions (dropdowns, modals) finish before the picture.
	await page.waitForTimeout(800);
}

async function save(page: Page, file: string, shows: string): Promise<Screenshot> {
	const target = path.join(SCREENSHOT_DIR, file);
	await page.screenshot({ path: target });
	return { file: path.relative(REPO_ROOT, target), shows };
}
