/**
 * n8n's internal REST API, as its editor calls it: the owner account, the editor's Execute button
 * (`POST /rest/workflows/:id/run`) and the executions list. The session cookie is bound to a
 * `browser-id` header, which is sent on every call (and given to the headless browser).
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';

import { n8nRelease, type N8nRelease } from './paths';

export interface OwnerAccount {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

/** A local account for the sandbox instances only (dev and e2e); it guards nothing real. */
export const SANDBOX_OWNER: OwnerAccount = {
	email: 'kyc-ops@example.com',
	firstName: 'KYC',
	lastName: 'Ops',
	password: 'FaceID-sandbox-1',
};

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
	startedAt?: string;
	stoppedAt?: string;
}

/** The part of n8n's IRunExecutionData the tooling reads. */
export interface RunExecutionData {
	resultData: { runData: Record<string, TaskData[]>; error?: { message?: string; description?: string } };
}

export interface TaskData {
	source?: Array<{ previousNode: string; previousNodeOutput?: number; previousNodeRun?: number } | null>;
	data?: { main?: Array<ItemData[] | null> };
	error?: { message?: string };
}

export interface ItemData {
	json: Record<string, unknown>;
	pairedItem?: { item: number } | Array<{ item: number }> | number;
}

export interface ExecutionDetails extends ExecutionSummary {
	data: RunExecutionData;
}

export class N8nRest {
	readonly browserId = randomUUID();

	private authCookie?: string;

	/** `release`: the n8n serving baseUrl, whose own parser reads its run data. */
	constructor(
		readonly baseUrl: string,
		private readonly release: N8nRelease = n8nRelease(),
	) {}

	get cookie(): string | undefined {
		return this.authCookie;
	}

	/** Creates the owner on a fresh instance, or logs in when it already has one. */
	async signIn(owner: OwnerAccount = SANDBOX_OWNER): Promise<void> {
		const settings = await this.request<{ userManagement?: { showSetupOnFirstLoad?: boolean } }>('GET', '/rest/settings');
		if (settings.userManagement?.showSetupOnFirstLoad) {
			await this.request('POST', '/rest/owner/setup', owner);
		} else {
			await this.request('POST', '/rest/login', { emailOrLdapLoginId: owner.email, password: owner.password });
		}
		if (!this.authCookie) throw new Error('n8n did not set a session cookie');
	}

	async request<T = unknown>(method: string, route: string, body?: unknown): Promise<T> {
		const response = await fetch(new URL(route, this.baseUrl), {
			method,
			headers: {
				'browser-id': this.browserId,
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
				...(this.authCookie ? { cookie: `n8n-auth=${this.authCookie}` } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.getSetCookie().find((value) => value.startsWith('n8n-auth='));
		if (setCookie) this.authCookie = setCookie.slice('n8n-auth='.length).split(';')[0];
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} ${route}: HTTP ${response.status} ${text.slice(0, 300)}`);
		const parsed = text ? (JSON.parse(text) as { data?: T }) : {};
		return (parsed.data ?? parsed) as T;
	}

	/** What the editor's Execute Workflow button does; returns the execution id. */
	async runManually(workflowId: string, triggerName: string): Promise<string> {
		const result = await this.request<{ executionId?: string }>('POST', `/rest/workflows/${workflowId}/run`, {
			triggerToStartFrom: { name: triggerName },
		});
		if (!result.executionId) throw new Error(`n8n started no execution for workflow ${workflowId}: ${JSON.stringify(result)}`);
		return result.executionId;
	}

	/** The run data of an execution once it has finished (or failed), polling every second. */
	async finished(executionId: string, timeoutMs = 120_000): Promise<RunExecutionData> {
		const until = Date.now() + timeoutMs;
		for (;;) {
			const execution = await this.execution(executionId);
			if (['success', 'error', 'crashed', 'canceled'].includes(execution.status)) return execution.data;
			if (Date.now() > until) throw new Error(`execution ${executionId} did not finish within ${timeoutMs / 1000} s (status ${execution.status})`);
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
	}

	async executions(workflowId: string): Promise<ExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const page = await this.request<{ results: ExecutionSummary[] }>('GET', `/rest/executions?filter=${filter}&limit=100`);
		return page.results;
	}

	async execution(id: string): Promise<ExecutionDetails> {
		const raw = await this.request<ExecutionSummary & { data: string }>('GET', `/rest/executions/${id}`);
		return { ...raw, data: parseFlatted(raw.data, this.release) };
	}
}

/** n8n stores run data in the `flatted` format (JSON with shared references); n8n ships the parser. */
function parseFlatted(text: string, release: N8nRelease): RunExecutionData {
	const flatted = require(path.join(release.dir, 'node_modules', 'flatted')) as { parse(text: string): unknown };
	return flatted.parse(text) as RunExecutionData;
}
