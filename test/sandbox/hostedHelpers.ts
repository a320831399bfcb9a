/**
 * A sandbox for the hosted-verification tests whose clock runs `offsetMs` ahead of the real one,
 * clients signing with the same offset, and the customer's page over real HTTP (fetch).
 */
import { TencentCloudClient, type Transport } from '../../lib/tencent/client';
import { TencentCloudError } from '../../lib/tencent/errors';
import type { SandboxAction } from '../../sandbox/action';
import { SANDBOX_CREDENTIALS, startSandbox, type Sandbox } from '../../sandbox/server';
import { createUndiciTransport } from '../support/undiciTransport';

export const MINUTE = 60_000;
export const DAY = 86_400_000;

export interface HostedSandbox {
	sandbox: Sandbox;
	/** Moves the sandbox clock (whole seconds: clients sign with it). */
	advance(ms: number): void;
	/** A client for the region (none: no X-TC-Region), signing on the sandbox clock. */
	client(region?: string): TencentCloudClient;
	close(): Promise<void>;
}

export async function startHostedSandbox(actions?: readonly SandboxAction[]): Promise<HostedSandbox> {
	let offsetMs = 0;
	const sandbox = await startSandbox({ now: () => Date.now() + offsetMs, actions });
	const transports = new Map<number, Transport>();
	const transport = (): Transport => {
		let found = transports.get(offsetMs);
		if (!found) {
			found = createUndiciTransport({ ...SANDBOX_CREDENTIALS, customEndpoint: sandbox.url, clockOffsetSeconds: offsetMs / 1000 });
			transports.set(offsetMs, found);
		}
		return found;
	};
	return {
		sandbox,
		advance(ms) {
			if (ms % 1000 !== 0) throw new Error('advance by whole seconds');
			offsetMs += ms;
		},
		client: (region) => new TencentCloudClient((request) => transport()(request), region ? { region } : {}),
		close: () => sandbox.close(),
	};
}

export interface PageAnswer {
	status: number;
	location: string | null;
	html: string;
}

/** Opens the customer's page as a browser would (redirects not followed, to see them). */
export async function openPage(url: string): Promise<PageAnswer> {
	const response = await fetch(url, { redirect: 'manual' });
	return { status: response.status, location: response.headers.get('location'), html: await response.text() };
}

/** Presses one of the page's buttons: a form post of `choice=…`. */
export async function pressButton(url: string, choice: string): Promise<PageAnswer> {
	const response = await fetch(url, { method: 'POST', body: new URLSearchParams({ choice }), redirect: 'manual' });
	return { status: response.status, location: response.headers.get('location'), html: await response.text() };
}

export async function apiError(promise: Promise<unknown>): Promise<TencentCloudError> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof TencentCloudError) return error;
		throw error;
	}
	throw new Error('expected a Tencent error');
}
