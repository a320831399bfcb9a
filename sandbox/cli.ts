/**
 * Starts the sandbox from a shell: `tsx sandbox/cli.ts [--port N] [--host H] [knobs]`, knobs being
 * `--latency-ms N`, `--fault-rate R --fault-mix http500=1,reset=2 --fault-seed S`, `--clock-offset SECONDS`.
 * Prints the endpoint and the test key pair; Ctrl-C (SIGINT) or SIGTERM closes it.
 */
import { parseArgs } from 'util';

import { parseFaultMix } from './faults';
import { SANDBOX_CREDENTIALS, startSandbox } from './server';

const DEFAULT_PORT = 8787;

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			port: { type: 'string', default: String(DEFAULT_PORT) },
			host: { type: 'string', default: '127.0.0.1' },
			'latency-ms': { type: 'string', default: '0' },
			'fault-rate': { type: 'string', default: '0' },
			'fault-mix': { type: 'string' },
			'fault-seed': { type: 'string', default: '1' },
			'clock-offset': { type: 'string', default: '0' },
			help: { type: 'boolean', short: 'h', default: false },
		},
	});
	if (values.help) {
		console.log('Usage: tsx sandbox/cli.ts [--port N] [--host H]   (port 0 picks a free port)');
		console.log('  --latency-ms N        every answer leaves N ms after its request arrived');
		console.log('  --fault-rate R        share of requests (0..1) that fail at the gateway, never billed');
		console.log('  --fault-mix K=W,...   weights of http500, http502, reset, internalError, requestLimitExceeded');
		console.log('  --fault-seed S        seed of the fault sequence');
		console.log('  --clock-offset S      seconds the sandbox clock runs ahead (negative: behind)');
		return;
	}
	const number = (name: string, text: string | undefined): number => {
		const value = Number(text);
		if (text === undefined || text.trim() === '' || !Number.isFinite(value)) throw new Error(`--${name} must be a number, not "${text}"`);
		return value;
	};
	const port = Number(values.port);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new Error(`--port must be an integer between 0 and 65535, not "${values.port}"`);
	}

	const sandbox = await startSandbox({
		port,
		host: values.host,
		latencyMs: number('latency-ms', values['latency-ms']),
		faultRate: number('fault-rate', values['fault-rate']),
		faultMix: values['fault-mix'] === undefined ? undefined : parseFaultMix(values['fault-mix']),
		faultSeed: number('fault-seed', values['fault-seed']),
		clockOffsetSeconds: number('clock-offset', values['clock-offset']),
	});
	console.log(`Tencent FaceID sandbox listening on ${sandbox.url}`);
	console.log('Use it as the credential\'s custom endpoint, with these test keys:');
	console.log(`  SecretId:  ${SANDBOX_CREDENTIALS.secretId}`);
	console.log(`  SecretKey: ${SANDBOX_CREDENTIALS.secretKey}`);
	console.log('Test identities: see sandbox/README.md');

	const stop = (signal: string): void => {
		console.log(`\n${signal}: closing the sandbox`);
		sandbox.close().then(
			() => process.exit(0),
			(error: unknown) => {
				console.error(error);
				process.exit(1);
			},
		);
	};
	process.once('SIGINT', () => stop('SIGINT'));
	process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
