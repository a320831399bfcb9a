/**
 * What the customer's browser gets back from the Return Trigger: the page or the redirect the user
 * configured for a known token, a plain error page for anything else. The same answer whatever the
 * verdict: the customer's page never reveals what the workflow will decide.
 */
import type { IWebhookFunctions } from 'n8n-workflow';

import { escapeHtml } from '../../lib/tencent/html';

export interface CustomerAnswer {
	status: number;
	html?: string;
	location?: string;
}

/** A small self-contained page (no external resources: the customer may be on a slow phone). */
export function page(title: string, message: string): string {
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;background:#f5f6fa;color:#1f2330;margin:0;padding:16px;box-sizing:border-box;display:flex;min-height:100vh;align-items:center;justify-content:center}
main{background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.08);padding:40px 48px;max-width:480px;text-align:center}
h1{font-size:1.5rem;margin:0 0 12px}p{line-height:1.5;margin:0}</style></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></main></body></html>`;
}

export const DEFAULT_TITLE = 'Thank you';
export const DEFAULT_MESSAGE = 'Your verification is complete. You can close this page.';

/** The configured answer for a customer whose token the registry knows. */
export function configuredAnswer(context: IWebhookFunctions): CustomerAnswer {
	if (context.getNodeParameter('respondWith', 'page') === 'redirect') {
		const location = String(context.getNodeParameter('redirectUrl', '')).trim();
		if (/^https?:\/\//i.test(location)) return { status: 302, location };
	}
	return {
		status: 200,
		html: page(
			String(context.getNodeParameter('pageTitle', '')).trim() || DEFAULT_TITLE,
			String(context.getNodeParameter('pageMessage', '')).trim() || DEFAULT_MESSAGE,
		),
	};
}

/** Anything but a token of this channel: no workflow, no redirect, no detail. */
export const UNKNOWN_TOKEN: CustomerAnswer = {
	status: 404,
	html: page('Link not recognised', 'This verification link is not known here. Please use the link you were sent.'),
};

/** The registry could not be asked: nothing is claimed, nothing started; the poll emits the result of a real token. */
export const NOT_CONFIRMED: CustomerAnswer = {
	status: 503,
	html: page('Please try again later', 'We could not confirm your verification just now. You can close this page: if you finished it, we have your result.'),
};

export function sendAnswer(context: IWebhookFunctions, answer: CustomerAnswer): void {
	const response = context.getResponseObject();
	response.statusCode = answer.status;
	response.setHeader('Cache-Control', 'no-store');
	response.setHeader('Referrer-Policy', 'no-referrer');
	if (answer.location) {
		response.setHeader('Location', answer.location);
		response.end();
		return;
	}
	response.setHeader('Content-Type', 'text/html; charset=utf-8');
	response.end(answer.html ?? '');
}
