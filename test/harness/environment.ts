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
	 * 'legacy' evaluates in-process with `new Function` (n8n-workflow's own default).
	 * Default: env N8N_EXPRESSION_ENGINE, else 'vm' where it can start, else 'legacy'.
	 */
	expressionEngine?: ExpressionEngine;
}

export interface HarnessEnvironment {
	/** every line n8n logged in this process */
	processLog: RecordingLogger;
	/** per-run loggers attach here */
	fanOut: FanOutLogger;
	/** the engine actually evaluating expressions */
	expressionEngine: ExpressionEngine;
	/** why the default 'vm' could not start and 'legacy' runs (jest without --experimental-vm-modules) */
	expressionEngineFallback?: string;
}

let environment: Promise<HarnessEnvironment> | undefined;
let n8nFolder: string | undefined;

/**
 * Process-wide n8n setup, done once: n8n keeps this state in globals
 * (LoggerProxy, the DI container, Expression's static engine).
 */
export async function setupHarness(options: HarnessSetupOptions = {}): Promise<HarnessEnvironment> {
	environment ??= initialise(options.expressionEngine ?? engineFromEnv());
	const env = await environment;
	if (options.expressionEngine !== undefined && options.expressionEngine !== env.expressionEngine) {
		throw new Error(
			`harness: already running the '${env.expressionEngine}' expression engine; it can be chosen once per process`,
		);
	}
	return env;
}

/** Releases the isolate pool (optional: the process exits fine without); a later run sets up again. */
export async function shutdownHarness(): Promise<void> {
	if (!environment) return;
	environment = undefined;
	await Expression.disposeExpressionEngine();
}

async function initialise(explicitEngine: ExpressionEngine | undefined): Promise<HarnessEnvironment> {
	// The DI Logger is what nodes get as `this.logger`; constructing n8n's real one would
	// also re-initialise LoggerProxy and print through winston, so register ours first.
	const fanOut = new FanOutLogger();
	// HARNESS_LOG_LEVEL=debug prints n8n's log lines while they are recorded
	const processLog = new RecordingLogger({ print: parseLevel(process.env.HARNESS_LOG_LEVEL) });
	fanOut.add(processLog);
	LoggerProxy.init(fanOut);
	Container.set(Logger, fanOut as unknown as Logger);

	if (n8nFolder === undefined) {
		// InstanceSettings (read by every node execution context) creates `~/.n8n/config`
		// with an encryption key on first use: point it at a throw-away folder instead.
		const folder = mkdtempSync(join(tmpdir(), 'n8n-harness-'));
		process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
		Object.assign(Container.get(InstanceSettingsConfig), {
			n8nFolder: folder,
			userHome: folder,
			encryptionKey: 'n8n-harness-encryption-key',
			enforceSettingsFilePermissions: false,
		});
		Container.get(InstanceSettings);
		n8nFolder = folder;
	}

	// BinaryDataService without init() has no storage manager: binary data stays inline
	// as base64 in the items (its "memory mode"). init() would add filesystem storage.
	Container.get(BinaryDataService);

	const { engine, fallbackReason } = await startExpressionEngine(explicitEngine);
	if (fallbackReason) processLog.warn(`harness: expression engine 'legacy' instead of 'vm': ${fallbackReason}`);
	return { processLog, fanOut, expressionEngine: engine, expressionEngineFallback: fallbackReason };
}

async function startExpressionEngine(
	explicit: ExpressionEngine | undefined,
): Promise<{ engine: ExpressionEngine; fallbackReason?: string }> {
	if (explicit === 'legacy') {
		Expression.setExpressionEngine('legacy');
		return { engine: 'legacy' };
	}
	try {
		// Same defaults as @n8n/config's ExpressionEngineConfig.
		await Expression.initExpressionEngine({
			engine: 'vm',
			bridgeTimeout: 5000,
			bridgeMemoryLimit: 128,
			poolSize: 1,
			maxCodeCacheSize: 1024,
		});
		return { engine: 'vm' };
	} catch (error) {
		// n8n loads @n8n/expression-runtime with a real dynamic import(), which Jest refuses
		// unless node runs with --experimental-vm-modules. Only a default 'vm' falls back.
		const message = (error as Error).message;
		if (explicit === 'vm' || !message.includes('experimental-vm-modules')) throw error;
		// initExpressionEngine already recorded 'vm'; with no evaluator every expression would throw
		Expression.setExpressionEngine('legacy');
		return { engine: 'legacy', fallbackReason: message };
	}
}

function engineFromEnv(): ExpressionEngine | undefined {
	const value = process.env.N8N_EXPRESSION_ENGINE;
	if (value === undefined || value === '') return undefined;
	if (value === 'legacy' || value === 'vm') return value;
	throw new Error(`harness: N8N_EXPRESSION_ENGINE='${value}' is not supported (use 'vm' or 'legacy')`);
}
