/**
 * A local stand-in for Tencent Cloud's API 3.0 gateway and the FaceID actions, on Node's `http`
 * module only: TC3 verification, Tencent's error envelope and codes, per-action rate limits and
 * deterministic answers. Used by the tests, the demo and the benchmarks. See sandbox/README.md.
 */
import { randomUUID } from 'crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { setTimeout as delay } from 'timers/promises';

import { DEFAULT_RATE_LIMIT } from '../lib/tencent/catalogue';
import { parseTc3Authorization } from '../lib/tencent/signer';
import type { SandboxAction } from './action';
import { BUILTIN_ACTIONS } from './actions/builtin';
import { simulatorsBehind } from './actions/hostedVerificationSimulator';
import { header, verifyTc3Request, type ReceivedRequest } from './auth';
import { SANDBOX_CREDENTIALS, type SandboxKey } from './credentials';
import { loadPrivateKey, openRequest, sealResponse } from './encryption';
import { SandboxApiError } from './errors';
import { createFaultInjector, FAULT_CODES, requestContentHash, seededRandom, type FaultKind } from './faults';
import { serveVerificationPage, verificationPageToken } from './hostedVerificationPage';
import { PerActionRateLimiter, type RateWindow } from './rateLimiter';

export type { SandboxAction, SandboxActionContext, SandboxActionFacts, SandboxActionHandler, SandboxAnswers } from './action';
export { defineSandboxAction } from './action';
export { SANDBOX_CREDENTIALS, type SandboxKey } from './credentials';
export { SandboxApiError } from './errors';
export type { FaultKind } from './faults';

/** Tencent's limit for a v3 POST body. */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface SandboxOptions {
	/** 0 (default) picks a free port. */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** Keys the sandbox accepts; default `[SANDBOX_CREDENTIALS]`. */
	keys?: readonly SandboxKey[];
	/** Clock in ms since the epoch; default Date.now. Drives expiry, rate windows, Date and the log. */
	now?: () => number;
	/**
	 * Requests per second per action (across all keys); `Infinity` disables. Default: the action's own
	 * `rateLimit`, which is its definition's documented limit (catalogue's default for a hand-made one).
	 */
	rateLimits?: Readonly<Record<string, number>>;
	/** How a second is counted: any one-second span ("sliding", default) or whole seconds of the clock ("fixed"). */
	rateWindow?: RateWindow;
	/**
	 * Extra actions, or replacements for built-in ones of the same name. The `/verify/<token>` page
	 * serves the sessions of the hosted-verification simulators behind the actions in use
	 * (`hostedVerificationActions(simulator).actions`; default DEFAULT_HOSTED_VERIFICATIONS).
	 */
	actions?: readonly SandboxAction[];
	/** Larger bodies get RequestSizeLimitExceeded; default 10 MiB. */
	maxBodyBytes?: number;
	/**
	 * Private half of a test RSA key pair: the sandbox then decrypts `Encryption`-protected fields and
	 * encrypts answers on request (sandbox/encryption.ts). Without it, `Encryption` gets DecryptSystemError.
	 */
	encryptionPrivateKeyPem?: string;
	/** Every answer (faults included, resets excepted) leaves this many ms after the request arrived. */
	latencyMs?: number;
	/**
	 * The trip there varies, as on a real network: each request arrives (is counted, by the rate
	 * limit too) a random 0 … this many ms after it came in, seeded by `faultSeed`.
	 */
	transitVariationMs?: number;
	/** Share of requests (0 … 1) that fail instead of getting their answer. */
	faultRate?: number;
	/**
	 * When a fault strikes. `before-processing` (default): at the gateway, before the action runs,
	 * never billed. `after-charge`: the action runs and bills, then the answer is lost to the fault,
	 * as when a gateway or the connection fails on the way back. Both look the same to the client.
	 */
	faultTiming?: 'before-processing' | 'after-charge';
	/** Relative weights of the fault kinds; default all equal. See sandbox/faults.ts. */
	faultMix?: Partial<Record<FaultKind, number>>;
	/** Seed of the fault sequence (default 1): same seed, same faults in arrival order. */
	faultSeed?: number;
	/** Seconds the sandbox clock runs ahead of `now` (negative: behind), to test clock skew. */
	clockOffsetSeconds?: number;
}

/** One answered API request. The body is never stored: it may hold personal data. */
export interface SandboxRequestRecord {
	/** Sandbox clock (ms) when the request arrived. */
	time: number;
	requestId: string;
	/** X-TC-Action, when sent. */
	action?: string;
	/** SecretId from the Authorization header, when it could be parsed (even if unknown). */
	secretId?: string;
	/** `Error.Code` for an error; else the `Result` field when it is a string; else "OK". */
	code: string;
	/** Whether Tencent would charge for this answer. */
	billable: boolean;
	/** Names of the fields that arrived encrypted and were decrypted (never their values). */
	encryptedFields?: string[];
	/** Hash of action and exact body (sandbox/faults.ts): the same check asked twice has the same hash. */
	contentHash?: string;
	/** The injected fault, when this request got one instead of an answer. */
	fault?: FaultKind;
}

export interface Sandbox {
	/** Base URL to use as the custom endpoint, e.g. `http://127.0.0.1:41234/`. */
	url: string;
	port: number;
	/** Every API answer in arrival order (not 404/405). */
	readonly requests: readonly SandboxRequestRecord[];
	clearRequests(): void;
	close(): Promise<void>;
}

interface ApiAnswer {
	fields: Record<string, unknown>;
	record: Omit<SandboxRequestRecord, 'time' | 'requestId'>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const localNow = options.now ?? Date.now;
	const clockOffsetMs = (options.clockOffsetSeconds ?? 0) * 1000;
	const now = (): number => localNow() + clockOffsetMs;
	const latencyMs = options.latencyMs ?? 0;
	const transitVariationMs = options.transitVariationMs ?? 0;
	const transitRandom = seededRandom((options.faultSeed ?? 1) + 1);
	const injectFault = options.faultRate
		? createFaultInjector({ rate: options.faultRate, mix: options.faultMix, seed: options.faultSeed })
		: () => undefined;
	const host = options.host ?? '127.0.0.1';
	const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

	const actions = new Map<string, SandboxAction>();
	for (const action of [...BUILTIN_ACTIONS, ...(options.actions ?? [])]) actions.set(action.name, action);
	const hostedSimulators = simulatorsBehind(actions.values());
	// Known once the server listens; no request is answered before.
	let baseUrl = '';

	const keys = new Map<string, SandboxKey>();
	for (const key of options.keys ?? [SANDBOX_CREDENTIALS]) {
		keys.set(key.secretId, { ...key, sessionToken: key.sessionToken || undefined });
	}

	// Tencent's documented limits, from the action definitions the node paces itself by.
	const limiter = new PerActionRateLimiter(
		(name) => options.rateLimits?.[name] ?? actions.get(name)?.rateLimit ?? DEFAULT_RATE_LIMIT,
		options.rateWindow,
	);

	const requests: SandboxRequestRecord[] = [];
	const encryptionKey = loadPrivateKey(options.encryptionPrivateKeyPem);

	async function answer(request: ReceivedRequest, nowMs: number, requestId: string): Promise<ApiAnswer> {
		const verified = verifyTc3Request(request, { keys, nowMs, serviceOf: (name) => actions.get(name)?.service });
		const record = { action: verified.action, secretId: verified.key.secretId };

		const action = actions.get(verified.action);
		if (!action) {
			throw new SandboxApiError('InvalidAction', `The action \`${verified.action}\` is not found or not supported by this sandbox.`);
		}
		if (verified.version !== action.version) {
			throw new SandboxApiError(
				'NoSuchVersion',
				`The specified api version=\`${verified.version}\` does not exist in service=\`${action.service}\`.`,
			);
		}
		const params = readParams(request);

		const admission = limiter.tryAcquire(action.name, nowMs);
		if (!admission.allowed) {
			throw new SandboxApiError(
				'RequestLimitExceeded',
				`Your current request times exceeds the frequency limit \`${admission.limit}\` for a second of action \`${action.name}\`. Please reduce the frequency of calls.`,
			);
		}

		const opened = openRequest(action.name, params, encryptionKey);
		const fields = await action.handler(opened.params, {
			action: action.name,
			service: action.service,
			version: action.version,
			secretId: verified.key.secretId,
			requestId,
			region: verified.region,
			language: verified.language,
			now: nowMs,
			baseUrl,
		});
		const code = typeof fields.Result === 'string' ? fields.Result : 'OK';
		const encryptedFields = opened.encryptedFields.length ? { encryptedFields: opened.encryptedFields } : {};
		return {
			fields: sealResponse(action.name, params, fields, opened.sessionKey),
			record: { ...record, code, billable: action.isBillable?.(fields) ?? false, ...encryptedFields },
		};
	}

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const [path, rawQuery = ''] = (req.url ?? '/').split(/\?(.*)/s);
		const pageToken = verificationPageToken(path);
		if (pageToken !== undefined) return await serveVerificationPage(req, res, pageToken, hostedSimulators, now);
		if (path !== '/') return sendPlain(res, 404, 'Not found: the API lives at /');
		if (req.method !== 'GET' && req.method !== 'POST') {
			res.setHeader('Allow', 'GET, POST');
			return sendPlain(res, 405, 'Method not allowed: use POST (JSON) or GET (query string)');
		}

		const body = await readBody(req, maxBodyBytes);
		if (transitVariationMs > 0) await delay(transitRandom() * transitVariationMs);
		const nowMs = now();
		const requestId = randomUUID();
		const contentHash = requestContentHash(header(req.headers, 'x-tc-action'), body);
		const fault = injectFault();
		const faultAfterCharge = options.faultTiming === 'after-charge';
		if (fault && !faultAfterCharge) {
			requests.push({
				time: nowMs,
				requestId,
				action: header(req.headers, 'x-tc-action'),
				secretId: parseTc3Authorization(header(req.headers, 'authorization'))?.secretId,
				code: FAULT_CODES[fault],
				billable: false,
				contentHash,
				fault,
			});
			return await sendFault(res, fault, nowMs, requestId, latencyMs);
		}
		let envelope: Record<string, unknown>;
		let record: ApiAnswer['record'];
		try {
			if (body === undefined) {
				throw new SandboxApiError('RequestSizeLimitExceeded', `The request body exceeds ${maxBodyBytes} bytes.`);
			}
			const result = await answer({ method: req.method, rawQuery, headers: req.headers, body }, nowMs, requestId);
			envelope = { ...result.fields, RequestId: requestId };
			record = result.record;
		} catch (error) {
			const apiError =
				error instanceof SandboxApiError
					? error
					: new SandboxApiError('InternalError', `Sandbox handler failed: ${error instanceof Error ? error.message : String(error)}`);
			envelope = { Error: { Code: apiError.code, Message: apiError.message }, RequestId: requestId };
			record = {
				action: header(req.headers, 'x-tc-action'),
				secretId: parseTc3Authorization(header(req.headers, 'authorization'))?.secretId,
				code: apiError.code,
				billable: apiError.billable,
			};
		}
		if (fault) {
			// The action ran (and billed); its answer is lost on the way back.
			requests.push({ time: nowMs, requestId, ...record, contentHash, fault });
			return await sendFault(res, fault, nowMs, requestId, latencyMs);
		}
		requests.push({ time: nowMs, requestId, ...record, contentHash });

		if (latencyMs > 0) await delay(latencyMs);
		res.statusCode = 200;
		res.setHeader('Date', new Date(nowMs).toUTCString());
		res.setHeader('Content-Type', 'application/json');
		res.end(JSON.stringify({ Response: envelope }));
	}

	const server = createServer((req, res) => {
		handle(req, res).catch((error: unknown) => {
			// Only reached when the connection itself failed (client went away mid-body).
			if (!res.headersSent) sendPlain(res, 500, `Sandbox failure: ${String(error)}`);
			else res.destroy();
		});
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address() as AddressInfo;
	const urlHost = host.includes(':') ? `[${host}]` : host;
	baseUrl = `http://${urlHost}:${port}/`;

	return {
		url: baseUrl,
		port,
		requests,
		clearRequests: () => {
			requests.length = 0;
		},
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				// Keep-alive clients (undici) would otherwise hold close() open.
				server.closeAllConnections();
			}),
	};
}

/** Action parameters: the JSON object of a POST, or the query string of a GET (flat strings). */
function readParams(request: ReceivedRequest): Record<string, unknown> {
	if (request.method === 'GET') return Object.fromEntries(new URLSearchParams(request.rawQuery));
	let parsed: unknown;
	try {
		parsed = JSON.parse(request.body.toString('utf8'));
	} catch {
		throw new SandboxApiError('InvalidParameter', 'The request body is not valid JSON.');
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new SandboxApiError('InvalidParameter', 'The request body must be a JSON object.');
	}
	return parsed as Record<string, unknown>;
}

/** The whole body, or undefined when it is larger than the limit (the rest is drained, not kept). */
async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | undefined> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size <= maxBytes) chunks.push(chunk);
	}
	return size <= maxBytes ? Buffer.concat(chunks) : undefined;
}

/** A gateway-level failure: an HTTP error page, a reset connection, or one of Tencent's transient errors. */
async function sendFault(res: ServerResponse, fault: FaultKind, nowMs: number, requestId: string, latencyMs: number): Promise<void> {
	if (fault === 'reset') {
		// RST with no byte of answer: the client sees ECONNRESET.
		res.socket?.resetAndDestroy();
		return;
	}
	if (latencyMs > 0) await delay(latencyMs);
	res.setHeader('Date', new Date(nowMs).toUTCString());
	if (fault === 'http500') return sendPlain(res, 500, 'Internal Server Error');
	if (fault === 'http502') return sendPlain(res, 502, '<html><body><h1>502 Bad Gateway</h1></body></html>');
	const error =
		fault === 'internalError'
			? { Code: 'InternalError', Message: 'An internal error has occurred. Retry your request.' }
			: { Code: 'RequestLimitExceeded', Message: 'Your current request times exceeds the frequency limit. (injected fault)' };
	res.statusCode = 200;
	res.setHeader('Content-Type', 'application/json');
	res.end(JSON.stringify({ Response: { Error: error, RequestId: requestId } }));
}

function sendPlain(res: ServerResponse, status: number, text: string): void {
	res.statusCode = status;
	res.setHeader('Content-Type', 'text/plain; charset=utf-8');
	res.end(text);
}
