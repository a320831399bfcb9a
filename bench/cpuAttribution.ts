/**
 * Where a phase's CPU goes, from V8's sampling profiler (node:inspector): each sample is charged
 * to the package when the nearest JavaScript frame on its stack is in the package's compiled
 * files (dist/credentials, dist/lib, dist/nodes), so the Node built-ins the package calls count as
 * its own, and n8n's work that the package asks for (expressions, the HTTP helper) counts as
 * n8n's. Idle samples are left out.
 */
import { Session } from 'node:inspector/promises';
import path from 'node:path';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string };
	children?: number[];
}

interface Profile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

export type CpuShare = 'package' | 'n8n expressions' | 'n8n and its HTTP client' | 'garbage collection' | 'other';

export async function profileWhile<T>(work: () => Promise<T>): Promise<{ result: T; profile: Profile }> {
	const session = new Session();
	session.connect();
	await session.post('Profiler.enable');
	await session.post('Profiler.setSamplingInterval', { interval: 200 });
	await session.post('Profiler.start');
	try {
		const result = await work();
		const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
		return { result, profile };
	} finally {
		session.disconnect();
	}
}

/** The share of a frame outside the package; undefined for a built-in, whose caller decides. */
function shareOf(url: string): CpuShare | undefined {
	if (!url || url.startsWith('node:')) return undefined;
	if (/isolated-vm|expression-runtime|luxon/.test(url)) return 'n8n expressions';
	if (/n8n-workflow|n8n-core|@n8n|axios|follow-redirects|form-data|proxy-from-env/.test(url)) return 'n8n and its HTTP client';
	return 'other';
}

/** Milliseconds of CPU per share. */
export function attributeCpu(profile: Profile, distDir: string): Record<CpuShare, number> {
	const packageRoot = ['credentials', 'lib', 'nodes'].map((folder) => path.join(distDir, folder));
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	const shares: Record<CpuShare, number> = { package: 0, 'n8n expressions': 0, 'n8n and its HTTP client': 0, 'garbage collection': 0, other: 0 };
	const cache = new Map<number, CpuShare | null>();
	const shareOfNode = (id: number): CpuShare | null => {
		const known = cache.get(id);
		if (known !== undefined) return known;
		const node = byId.get(id)!;
		const name = node.callFrame.functionName;
		let share: CpuShare | null;
		if (name === '(idle)' || name === '(program)' || name === '(root)') share = null;
		else if (name === '(garbage collector)') share = 'garbage collection';
		else {
			const url = node.callFrame.url;
			const direct = packageRoot.some((root) => url.includes(root)) ? 'package' : shareOf(url);
			const up = parent.get(id);
			share = direct ?? (up === undefined ? 'other' : (shareOfNode(up) ?? 'other'));
		}
		cache.set(id, share);
		return share;
	};
	profile.samples.forEach((id, index) => {
		const share = shareOfNode(id);
		if (share) shares[share] += profile.timeDeltas[index] / 1000;
	});
	return shares;
}
