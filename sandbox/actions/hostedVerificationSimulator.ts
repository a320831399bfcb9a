/**
 * The sandbox's hosted verifications (the international web flow and China's WeChat flow), shared by
 * their start and result actions and by the customer's page (sandbox/hostedVerificationPage.ts).
 * A start action issues a token and a link to `<sandbox>/verify/<token>`; the customer chooses
 * pass, fail, try again or leave there (or a test calls `choose`); the result action answers from
 * the session and the sandbox clock. Tencent calls no server, so neither does the sandbox.
 * See sandbox/README.md, "Hosted verification".
 */
import { randomUUID } from 'crypto';

import { HOSTED_FLOWS, RESULT_WINDOW_MS, returnUrlWithToken, type HostedFlowKind } from '../../lib/tencent/pendingVerifications/hostedVerification/flows';
import type { SandboxAction, SandboxActionContext } from '../action';
import { SandboxApiError } from '../errors';
import { requiredString } from '../params';
import { detectInfoResult, webVerificationResult } from './hostedVerificationAnswers';
import { readDetectAuthStart, readInfoType, readWebVerificationStart, ruleIdNotExist } from './hostedVerificationRequests';

export { SANDBOX_RULE_IDS } from './hostedVerificationRequests';

/** International flow: an opened verification not finished within this is over (1409). */
export const WEB_VERIFICATION_TIMEOUT_MS = 30 * 60_000;

export const HOSTED_CHOICES = ['pass', 'fail', 'retry', 'abandon'] as const;
export type HostedChoice = (typeof HOSTED_CHOICES)[number];
export type HostedFinal = Exclude<HostedChoice, 'retry'>;

/** waiting: not opened; inProgress: opened; expired: start window over unfinished (15); timedOut: 1409. */
export type HostedSessionState = 'waiting' | 'inProgress' | 'finished' | 'expired' | 'timedOut';

export interface HostedAttemptRecord {
	/** Sandbox clock (ms). */
	at: number;
	choice: 'pass' | 'fail' | 'retry';
	seq: string;
}

export interface HostedSession {
	flow: HostedFlowKind;
	token: string;
	redirectUrl?: string;
	extra?: string;
	/** China only. */
	ruleId?: string;
	name?: string;
	idCard?: string;
	/** International only: the start request's `Config`. */
	config?: Record<string, unknown>;
	issuedAt: number;
	openedAt?: number;
	attempts: HostedAttemptRecord[];
	final?: HostedFinal;
	finishedAt?: number;
}

export interface BilledVerification {
	token: string;
	flow: HostedFlowKind;
	choice: 'pass' | 'fail';
	at: number;
}

/** Why the page (or a test's `open` / `choose`) cannot do what was asked; `status` is the page's HTTP status. */
export class HostedSessionError extends Error {
	constructor(
		readonly status: 400 | 404 | 409 | 410,
		message: string,
	) {
		super(message);
		this.name = 'HostedSessionError';
	}
}

export class HostedVerificationSimulator {
	private readonly sessions = new Map<string, HostedSession>();
	/** Finished verifications Tencent charges for: a pass, and China's face mismatch (2016). */
	readonly billedVerifications: BilledVerification[] = [];
	/** The sandbox clock at the last request this simulator saw: the default time of `open` / `choose`. */
	private clock = 0;

	get issued(): number {
		return this.sessions.size;
	}

	session(token: string): Readonly<HostedSession> | undefined {
		return this.sessions.get(token);
	}

	stateOf(token: string, at = this.clock): HostedSessionState | undefined {
		const session = this.sessions.get(token);
		return session && stateAt(session, at);
	}

	applyWebVerification(params: Record<string, unknown>, ctx: SandboxActionContext): Record<string, unknown> {
		const session = this.issue('webVerification', ctx, readWebVerificationStart(params, ctx));
		return { BizToken: session.token, VerificationURL: pageUrl(ctx, session.token) };
	}

	detectAuth(params: Record<string, unknown>, ctx: SandboxActionContext): Record<string, unknown> {
		const session = this.issue('detectAuth', ctx, readDetectAuthStart(params));
		return { BizToken: session.token, Url: pageUrl(ctx, session.token) };
	}

	webVerificationResult(params: Record<string, unknown>, ctx: SandboxActionContext): Record<string, unknown> {
		const session = this.readable('webVerification', requiredString(params, 'BizToken'), ctx.now);
		return webVerificationResult(session, stateAt(session, ctx.now));
	}

	detectInfo(params: Record<string, unknown>, ctx: SandboxActionContext): Record<string, unknown> {
		const token = requiredString(params, 'BizToken');
		const ruleId = requiredString(params, 'RuleId');
		const infoType = readInfoType(params);
		const session = this.sessions.get(token);
		if (session?.flow === 'detectAuth' && session.ruleId !== ruleId) throw ruleIdNotExist(ruleId);
		const readable = this.readable('detectAuth', token, ctx.now);
		return detectInfoResult(readable, stateAt(readable, ctx.now), infoType);
	}

	/** The customer opens the link: the first time marks the session opened. */
	open(token: string, at = this.clock): Readonly<HostedSession> {
		this.clock = at;
		const session = this.usable(token, at, false);
		session.openedAt ??= at;
		return session;
	}

	/** What the customer does on the page. 'retry' records a failed attempt and leaves the page open. */
	choose(token: string, choice: HostedChoice, at = this.clock): Readonly<HostedSession> {
		if (!(HOSTED_CHOICES as readonly string[]).includes(choice)) throw new HostedSessionError(400, `Unknown choice \`${String(choice)}\`.`);
		this.open(token, at);
		const session = this.usable(token, at, true);
		if (choice !== 'abandon') session.attempts.push({ at, choice, seq: randomUUID() });
		if (choice === 'retry') return session;
		session.final = choice;
		session.finishedAt = at;
		// Tencent's pages: the web flow bills a pass only; China also bills a face mismatch.
		if (choice === 'pass' || (choice === 'fail' && session.flow === 'detectAuth')) {
			this.billedVerifications.push({ token, flow: session.flow, choice, at });
		}
		return session;
	}

	/** Where the browser goes when the customer is done; undefined when China's start gave no RedirectUrl. */
	returnUrl(token: string): string | undefined {
		const session = this.sessions.get(token);
		if (!session?.redirectUrl) return undefined;
		return returnUrlWithToken(HOSTED_FLOWS[session.flow], session.redirectUrl, token);
	}

	private issue(flow: HostedFlowKind, ctx: SandboxActionContext, fields: Partial<HostedSession>): HostedSession {
		this.clock = ctx.now;
		const token = randomUUID().toUpperCase();
		const session: HostedSession = { ...withoutUndefined(fields), flow, token, issuedAt: ctx.now, attempts: [] };
		this.sessions.set(token, session);
		return session;
	}

	private readable(flow: HostedFlowKind, token: string, at: number): HostedSession {
		this.clock = at;
		const session = this.sessions.get(token);
		if (!session || session.flow !== flow) throw new SandboxApiError('InvalidParameterValue.BizTokenIllegal', `The BizToken \`${token}\` is illegal.`);
		if (at - session.issuedAt > RESULT_WINDOW_MS) throw new SandboxApiError('InvalidParameterValue.BizTokenExpired', `The BizToken \`${token}\` has expired.`);
		return session;
	}

	private usable(token: string, at: number, toChoose: boolean): HostedSession {
		const session = this.sessions.get(token);
		if (!session) throw new HostedSessionError(404, 'This verification link is unknown.');
		const state = stateAt(session, at);
		if (state === 'expired') throw new HostedSessionError(410, 'This link has expired.');
		if (state === 'timedOut') throw new HostedSessionError(410, 'This verification has timed out.');
		if (state === 'finished' && toChoose) throw new HostedSessionError(409, 'This verification is already finished.');
		return session;
	}
}

export function stateAt(session: HostedSession, at: number): HostedSessionState {
	if (session.final) return 'finished';
	const flow = HOSTED_FLOWS[session.flow];
	// China's token lasts 7200 s whatever the customer did; the web flow's 10 minutes are to start.
	if (session.openedAt === undefined || session.flow === 'detectAuth') {
		if (at - session.issuedAt > flow.startWindowMs) return 'expired';
		return session.openedAt === undefined ? 'waiting' : 'inProgress';
	}
	return at - session.openedAt >= WEB_VERIFICATION_TIMEOUT_MS ? 'timedOut' : 'inProgress';
}

function pageUrl(ctx: SandboxActionContext, token: string): string {
	return new URL(`verify/${token}`, ctx.baseUrl).toString();
}

function withoutUndefined<T extends object>(fields: T): T {
	return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;
}

/** The instance behind the built-in actions and the page. */
export const DEFAULT_HOSTED_VERIFICATIONS = new HostedVerificationSimulator();

/** Which simulator an action answers from, so the server's page serves the same sessions. */
const SIMULATOR_OF_ACTION = new WeakMap<SandboxAction, HostedVerificationSimulator>();

export function answeredBy(action: SandboxAction, simulator: HostedVerificationSimulator): SandboxAction {
	SIMULATOR_OF_ACTION.set(action, simulator);
	return action;
}

/** The simulators behind the given actions (the page looks a token up in each). */
export function simulatorsBehind(actions: Iterable<SandboxAction>): HostedVerificationSimulator[] {
	const found = new Set<HostedVerificationSimulator>();
	for (const action of actions) {
		const simulator = SIMULATOR_OF_ACTION.get(action);
		if (simulator) found.add(simulator);
	}
	return [...found];
}
