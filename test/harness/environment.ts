import { Logger } from '@n8n/backend-common';
import { InstanceSettingsConfig } from '@n8n/config';
import { Container } from '@n8n/di';
import { BinaryDataService, InstanceSettings } from 'n8n-core';
import { Expression, LoggerProxy } from 'n8n-workflow';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { FanOutLogger, parseLevel, RecordingLogger } from './logger';

export type ExpressionEngine = 'legacy' | 'vm';

export interface HarnessSetupOptions {
	/**
	 * 'vm' (isolated-vm) is what an n8n 2.41 server uses by default (N8N_EXPRESSION_ENGINE);
	 * 'legacy' evaluates in-process. Default: env N8N_EXPRESSION_ENGINE, else 'vm'.
	 */
	expressionEngine?: ExpressionEngine;
}

export interface HarnessEnvironment {
	/** every line n8n logged in this process */
	processLog: RecordingLogger;
	/** per-run loggers attach here */
	fanOut: FanOutLogger;
	expressionEngine: ExpressionEngine;
	n8nFolder: string;
}

let environment: Promise<HarnessEnvironment> | undefined;
let requestedEngine: ExpressionEngine | undefined;

/**
 * Process-wide n8n setup, done once: n8n keeps this state in globals
 * (LoggerProxy, the DI container, Expression's static engine).
 */
export async function setupHarness(options: HarnessSetupOptions = {}): Promise<HarnessEnvironment> {
	const engine = options.expressionEngine ?? requestedEngine ?? engineFromEnv();
	if (environment) {
		const env = await environment;
		if (env.expressionEngine !== engine && options.expressionEngine !== undefined) {
			throw new Error(
				`harness already set up with the '${env.expressionEngine}' expression engine; ` +
					'n8n only allows choosing it once per process',
			);
		}
		return env;
	}
	requestedEngine = engine;
	environment = initialise(engine);
	return await environment;
}

/** Releases the isolate pool and the temporary n8n folder (optional: the process exits fine without). */
export async function shutdownHarness(): Promise<void> {
	if (!environment) return;
	const env = await environment;
	environment = undefined;
	await Expression.disposeExpressionEngine();
	rmSync(env.n8nFolder, { recursive: true, force: true });
}

async function initialise(engine: ExpressionEngine): Promise<HarnessEnvironment> {
	// The DI Logger is what nodes get as `this.logger`; constructing n8n's real one would
	// also re-initialise LoggerProxy and print through winston, so register ours first.
	const fanOut = new FanOutLogger();
	// HARNESS_LOG_LEVEL=debug prints n8n's log lines while they are recorded
	const processLog = new RecordingLogger({ print: parseLevel(process.env.HARNESS_LOG_LEVEL) });
	fanOut.add(processLog);
	LoggerProxy.init(fanOut);
	Container.set(Logger, fanOut as unknown as Logger);

	// InstanceSettings (read by every node execution context) creates `~/.n8n/config`
	// with an encryption key on first use: point it at a throw-away folder instead.
	const n8nFolder = mkdtempSync(join(tmpdir(), 'n8n-harness-'));
	const instanceConfig = Container.get(InstanceSettingsConfig);
	Object.assign(instanceConfig, {
		n8nFolder,
		userHome: n8nFolder,
		encryptionKey: 'n8n-harness-encryption-key',
		enforceSettingsFilePermissions: false,
	});
	Container.get(InstanceSettings);
	process.once('exit', () => rmSync(n8nFolder, { recursive: true, force: true }));

	// BinaryDataService without init() has no storage manager: binary data stays inline
	// as base64 in the items (its "memory mode"). init() would add filesystem storage.
	Container.get(BinaryDataService);

	if (engine === 'vm') {
		// Same defaults as @n8n/config's ExpressionEngineConfig.
		await Expression.initExpressionEngine({
			engine: 'vm',
			bridgeTimeout: 5000,
			bridgeMemoryLimit: 128,
			poolSize: 1,
			maxCodeCacheSize: 1024,
		});
	} else {
		Expression.setExpressionEngine('legacy');
	}

	return { processLog, fanOut, expressionEngine: engine, n8nFolder };
}

function engineFromEnv(): ExpressionEngine {
	const value = process.env.N8N_EXPRESSION_ENGINE;
	if (value === undefined || value === '') return 'vm';
	if (value === 'legacy' || value === 'vm') return value;
	throw new Error(`N8N_EXPRESSION_ENGINE='${value}' is not supported by the harness (use 'vm' or 'legacy')`);
}
