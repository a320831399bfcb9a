/**
 * The customer's side of a hosted verification: `GET /verify/<token>` is the page Tencent would
 * host (here four buttons instead of a camera), `POST /verify/<token>` with `choice=…` records what
 * the customer did and, when they are done, sends the browser back to the redirect URL with the
 * token, as Tencent's page does. Self-contained HTML; never the customer's name or ID number.
 */
import type { IncomingMessage, ServerResponse } from 'http';

import { HOSTED_CHOICES, HostedSessionError, type HostedChoice, type HostedSession, type HostedVerificationSimulator } from './actions/hostedVerificationSimulator';
import { escapeHtml } from '../lib/tencent/html';

export const VERIFY_PATH = '/verify/';

/** A form post of one button: far less than this. */
const MAX_FORM_BYTES = 16 * 1024;

const TITLE = 'FaceID sandbox verification';

const BUTTONS: ReadonlyArray<readonly [HostedChoice, string]> = [
	['pass', 'Pass'],
	['fail', 'Fail (face does not match)'],
	['retry', 'Try again'],
	['abandon', 'Leave'],
];

const FLOW_NAMES = {
	webVerification: 'International web verification',
	detectAuth: 'China face verification (WeChat)',
} as const;

/** The token of a page path, or undefined when the path is not a page's. */
export function verificationPageToken(path: string): string | undefined {
	if (!path.startsWith(VERIFY_PATH)) return undefined;
	const token = path.slice(VERIFY_PATH.length);
	return /^[^/]+$/.test(token) ? token : '';
}

export async function serveVerificationPage(
	req: IncomingMessage,
	res: ServerResponse,
	token: string,
	simulators: readonly HostedVerificationSimulator[],
	now: () => number,
): Promise<void> {
	res.setHeader('Cache-Control', 'no-store');
	res.setHeader('Referrer-Policy', 'no-referrer');
	if (req.method !== 'GET' && req.method !== 'POST') {
		res.setHeader('Allow', 'GET, POST');
		return sendPage(res, 405, 'Method not allowed', '<p>Open this page with GET, or send a choice with POST.</p>');
	}
	const body = req.method === 'POST' ? await readForm(req) : undefined;
	const at = now();
	res.setHeader('Date', new Date(at).toUTCString());
	const simulator = simulators.find((candidate) => candidate.session(token));
	try {
		if (!simulator) throw new HostedSessionError(404, 'This verification link is unknown.');
		if (body === undefined) {
			const session = simulator.open(token, at);
			if (session.final) return sendPage(res, 200, 'This verification is already finished', '<p>There is nothing more to do here.</p>');
			return sendPage(res, 200, 'Verify your identity', choicePage(session));
		}
		if (body === null) throw new HostedSessionError(400, 'The form is too large.');
		const choice = body.get('choice') ?? '';
		if (!(HOSTED_CHOICES as readonly string[]).includes(choice)) throw new HostedSessionError(400, 'Choose one of the buttons.');
		const session = simulator.choose(token, choice as HostedChoice, at);
		if (choice === 'retry') return sendPage(res, 200, 'Verify your identity', choicePage(session));
		const returnUrl = simulator.returnUrl(token);
		if (!returnUrl) return sendPage(res, 200, 'You may close this page', '<p>The verification is finished.</p>');
		res.setHeader('Location', returnUrl);
		return sendPage(res, 302, 'Returning you', `<p><a href="${escapeHtml(returnUrl)}">Continue</a></p>`);
	} catch (error) {
		if (!(error instanceof HostedSessionError)) throw error;
		return sendPage(res, error.status, error.message.replace(/\.$/, ''), '<p>Ask for a new verification link.</p>');
	}
}

function choicePage(session: Readonly<HostedSession>): string {
	const rule = session.ruleId ? `, RuleId ${escapeHtml(session.ruleId)}` : '';
	const buttons = BUTTONS.map(([value, label]) => `<button type="submit" name="choice" value="${value}">${escapeHtml(label)}</button>`).join('\n');
	return [
		`<p>${escapeHtml(FLOW_NAMES[session.flow])}${rule}</p>`,
		`<p>Attempts so far: <strong id="attempts">${session.attempts.length}</strong></p>`,
		'<p>This is the sandbox: no camera and no document. Choose what the customer does.</p>',
		`<form method="post" action="${VERIFY_PATH}${encodeURIComponent(session.token)}">`,
		buttons,
		'</form>',
	].join('\n');
}

function sendPage(res: ServerResponse, status: number, heading: string, content: string): void {
	res.statusCode = status;
	res.setHeader('Content-Type', 'text/html; charset=utf-8');
	res.end(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${TITLE}: ${escapeHtml(heading)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 0; background: #f4f6f8; color: #1d2733; }
main { max-width: 32rem; margin: 3rem auto; padding: 1.5rem 2rem; background: #fff; border-radius: 8px; }
form { display: grid; gap: 0.75rem; }
button { font: inherit; padding: 0.75rem; border: 1px solid #8a99a8; border-radius: 6px; background: #fff; cursor: pointer; }
button[value="pass"] { background: #0b6bcb; border-color: #0b6bcb; color: #fff; }
</style>
</head>
<body><main>
<p>${TITLE}</p>
<h1>${escapeHtml(heading)}</h1>
${content}
</main></body>
</html>
`);
}

/** The form fields, or null when the body is larger than a form of this page can be. */
async function readForm(req: IncomingMessage): Promise<URLSearchParams | null> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size <= MAX_FORM_BYTES) chunks.push(chunk);
	}
	return size <= MAX_FORM_BYTES ? new URLSearchParams(Buffer.concat(chunks).toString('utf8')) : null;
}
