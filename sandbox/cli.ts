/**
 * Starts the sandbox from a shell: `tsx sandbox/cli.ts [--port N] [--host H]`.
 * Prints the endpoint and the test key pair; Ctrl-C (SIGINT) or SIGTERM closes it.
 */
import { parseArgs } from 'util';

import { SANDBOX_CREDENTIALS, startSandbox } from './server';

const DEFAULT_PORT = 8787;

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			port: { type: 'string', default: String(DEFAULT_PORT) },
			host: { type: 'string', default: '127.0.0.1' },
			help: { type: 'boolean', short: 'h', default: false },
		},
	});
	if (values.help) {
		console.log('Usage: tsx sandbox/cli.ts [--port N] [--host H]   (port 0 picks a free port)');
		return;
	}
	const port = Number(values.port);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new Error(`--port must be an integer between 0 and 65535, not "${values.port}"`);
	}

	const sandbox = await startSandbox({ port, host: values.host });
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
