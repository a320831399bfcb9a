/** The names the registry protocol gives out: this process as lease owner, and reservation keys. */
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { resolve } from 'node:path';

import { isReservationKey, newReservationKey, PROCESS_OWNER } from '../../../../lib/tencent/pendingVerifications/keys';

describe('PROCESS_OWNER', () => {
	test('names the host and the process id, then a random part', () => {
		const [host, pid, random] = PROCESS_OWNER.split(':');
		expect(host).toBe(hostname());
		expect(pid).toBe(String(process.pid));
		expect(random).toMatch(/^[0-9a-f]{8}$/);
	});

	test('a restarted process on the same host is another owner', () => {
		const module = resolve(__dirname, '../../../../lib/tencent/pendingVerifications/keys.ts');
		const owners = [0, 1].map(() => {
			const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', `process.stdout.write(require(${JSON.stringify(module)}).PROCESS_OWNER)`], {
				encoding: 'utf8',
			});
			expect(run.status).toBe(0);
			return run.stdout;
		});
		expect(owners[0]).not.toBe(owners[1]);
		expect(owners[0].split(':')[0]).toBe(hostname());
		expect(owners).not.toContain(PROCESS_OWNER);
	});
});

describe('reservation keys', () => {
	test('are fresh every time and recognised as reservations', () => {
		const keys = Array.from({ length: 100 }, () => newReservationKey());
		expect(new Set(keys).size).toBe(100);
		for (const key of keys) expect(isReservationKey(key)).toBe(true);
	});

	test('a token Tencent hands out is not a reservation key', () => {
		for (const token of ['cv-0a1b2c3d', 'ext-5f6e', 'sample-card-verification-token', '', 'xapply:1']) expect(isReservationKey(token)).toBe(false);
	});
});
