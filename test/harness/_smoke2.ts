import { runWorkflow } from './index';
import { packageTypes } from './packageTypes';
import { SANDBOX_CREDENTIALS, startSandbox } from '../../sandbox/server';
async function main() {
	const sandbox = await startSandbox();
	try {
		const types = packageTypes();
		const r = await runWorkflow(`${__dirname}/../../examples/kyc-id-check.json`, {
			credentials: { tencentCloudApi: { ...SANDBOX_CREDENTIALS, site: 'international', region: '', language: 'en-US', endpoint: sandbox.url } },
			...types,
		});
		console.log('error', r.error?.message, r.run.status, r.executionOrder);
		console.log('nodeError', r.nodeError('FaceID')?.message);
		r.outputs('FaceID').forEach((o, i) => console.log(i, o.length, JSON.stringify(o.map((x) => x.pairedItem))));
		console.log(r.inputsOf('FaceID').length);
	} finally {
		await sandbox.close();
	}
}
main().catch((e) => { console.error('FAIL', e); process.exit(1); });
