/**
 * One n8n instance as the tooling runs it: its environment (a user folder, a port on 127.0.0.1,
 * nothing that calls out to the internet), its CLI commands and its long-running processes.
 * Variable names are the same in n8n 2.40 and 2.41 (packages/@n8n/config in each installed n8n).
 */
import { createServer } from 'node:net';
import path from 'node:path';

import { n8nRelease, type N8nRelease } from './paths';
import {
	cleanEnv,
	runChecked,
	runCommand,
	startService,
	waitFor,
	type CommandOptions,
	type CommandResult,
	type Service,
} from './processes';

export interface CliOptions {
	timeoutMs?: number;
	/** Extra variables for this command only. */
	env?: Record<string, string>;
}

export interface N8nInstanceOptions {
	/** N8N_USER_FOLDER: n8n keeps its database, config and community packages in `<folder>/.n8n`. */
	userFolder: string;
	/** Editor/REST port on 127.0.0.1. */
	port: number;
	/** Fixed per folder so that the credentials imported into it stay readable. */
	encryptionKey: string;
	/** More variables (queue mode, worker ports). */
	extra?: Record<string, string>;
	/** The installed n8n release it runs (ensureN8nInstalled); default the one `npm run dev` uses. */
	release?: N8nRelease;
}

export class N8nInstance {
	readonly release: N8nRelease;

	constructor(readonly options: N8nInstanceOptions) {
		this.release = options.release ?? n8nRelease();
	}

	get url(): string {
		return `http://127.0.0.1:${this.options.port}`;
	}

	get dataDir(): string {
		return path.join(this.options.userFolder, '.n8n');
	}

	/**
	 * The environment of one n8n process. Each process gets its own task-runner broker port:
	 * main, workers and CLI commands run side by side.
	 */
	async env(overrides: Record<string, string> = {}): Promise<NodeJS.ProcessEnv> {
		return cleanEnv({
			N8N_USER_FOLDER: this.options.userFolder,
			N8N_ENCRYPTION_KEY: this.options.encryptionKey,
			DB_TYPE: 'sqlite',
			N8N_PORT: String(this.options.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_EDITOR_BASE_URL: `${this.url}/`,
			// Plain http on the loopback: the session cookie must not require TLS.
			N8N_SECURE_COOKIE: 'false',
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			GENERIC_TIMEZONE: 'UTC',
			TZ: 'UTC',
			N8N_LOG_LEVEL: 'info',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			// Only loopback traffic: no telemetry, banners, templates, version checks or AI features.
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_DYNAMIC_BANNERS_ENABLED: 'false',
			N8N_AI_ENABLED: 'false',
			N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
			N8N_DISABLED_MODULES: 'mcp-registry',
			// Community packages load from <folder>/.n8n/nodes; the vetted list lives on n8n's servers.
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_VERIFIED_PACKAGES_ENABLED: 'false',
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
			N8N_REINSTALL_MISSING_PACKAGES: 'false',
			NO_PROXY: '127.0.0.1,localhost',
			...this.options.extra,
			...overrides,
		});
	}

	/** An n8n CLI command (import:*, publish:*) run to its end; throws unless it exits 0. */
	async cli(args: string[], options: CliOptions = {}): Promise<CommandResult> {
		return await runChecked(process.execPath, [this.release.bin, ...args], await this.cliOptions(args, options));
	}

	/** An n8n CLI command whose failure the caller reads (`execute` exits 1 when the workflow fails). */
	async cliResult(args: string[], options: CliOptions = {}): Promise<CommandResult> {
		return await runCommand(process.execPath, [this.release.bin, ...args], await this.cliOptions(args, options));
	}

	private async cliOptions(args: string[], options: CliOptions): Promise<CommandOptions> {
		return { env: await this.env(options.env), timeoutMs: options.timeoutMs ?? 180_000, label: `n8n ${args.join(' ')}` };
	}

	/** `n8n start` (main) or `n8n worker`, logging to a file. */
	async start(command: 'start' | 'worker', name: string, logFile: string, env: Record<string, string> = {}): Promise<Service> {
		return startService(name, process.execPath, [this.release.bin, command], { env: await this.env(env), logFile });
	}

	/** Resolves once the main instance serves its editor and REST API. */
	async waitUntilReady(service: Service, timeoutMs = 180_000): Promise<void> {
		await waitFor(
			`${service.name} at ${this.url}`,
			async () => {
				const response = await fetch(`${this.url}/healthz/readiness`);
				return response.ok ? true : undefined;
			},
			{ timeoutMs, intervalMs: 1000, service },
		);
	}
}

/** A port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}
