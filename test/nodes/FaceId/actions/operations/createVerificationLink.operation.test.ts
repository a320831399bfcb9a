/**
 * The "Create Verification Link" operation. Its request, from a stand-in n8n context and client:
 * each flow's fields, the return URL the active Return Trigger left in the registry channel, and
 * every problem named before anything is sent. Then through n8n's engine against the sandbox: the
 * links leave by the single output, their tokens wait in the registry with their Reference, and a
 * customer who opens one is sent back to the return URL with the token.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { ActionDefinition, BaseResponse } from '../../../../../lib/tencent/actions/common';
import type { TencentCloudClient } from '../../../../../lib/tencent/client';
import { RETURN_URL_SETTING } from '../../../../../lib/tencent/pendingVerifications/hostedVerification';
import { closeAllRegistries, openRegistry } from '../../../../../lib/tencent/pendingVerifications/registry';
import { createVerificationLink } from '../../../../../nodes/FaceId/actions/operations/createVerificationLink.operation';
import { hostedVerificationActions } from '../../../../../sandbox/actions/hostedVerificationActions';
import { testJpeg } from '../../../../../sandbox/actions/testImages';
import { startSandbox, type Sandbox } from '../../../../../sandbox/server';
import { runFaceIdItems, sandboxCredential } from '../../../../support/documentCheckWorkflows';
import { executeContext, failure } from './support/executeContext';

const RETURN_URL = 'https://n8n.example.com/webhook/3f0c/faceid-return';

let folder: string;
let registryFile: string;
beforeAll(async () => {
	folder = mkdtempSync(join(tmpdir(), 'faceid-links-'));
	registryFile = join(folder, 'registry.sqlite');
	const channel = await openRegistry({ store: 'embedded', file: registryFile, queue: 'default:links' });
	await channel.setChannelSetting(RETURN_URL_SETTING, RETURN_URL);
	await channel.close();
});
afterAll(async () => {
	await closeAllRegistries();
	rmSync(folder, { recursive: true, force: true });
});

describe('the start request', () => {
	async function create(parameters: Record<string, unknown>, site = 'international', files?: Array<Record<string, Buffer>>) {
		const calls: Array<{ action: string; params: Record<string, unknown>; region?: string }> = [];
		const client = {
			call: async (action: ActionDefinition<unknown, BaseResponse>, params: Record<string, unknown>, options?: { region?: string }) => {
				calls.push({ action: action.name, params, region: options?.region });
				return { BizToken: 'TOKEN-0001-AAAA', VerificationURL: 'https://intl.faceid.qq.com/reflect/?token=TOKEN-0001-AAAA', Url: 'https://wechat.example/x', RequestId: 'req-1' };
			},
		} as unknown as TencentCloudClient;
		const context = executeContext({ parameters: { registry: 'embedded', registryFile, ...parameters }, credentials: { site }, files });
		const performed = await createVerificationLink.perform.call(context, client, 0);
		return { calls, performed };
	}

	test("international: the Return Trigger's URL from the registry, only the page options set, the chosen region", async () => {
		const { calls, performed } = await create({
			hostedFlow: 'webVerification',
			hostedRegion: 'ap-jakarta',
			reference: 'CRM-7',
			extra: 'campaign-12',
			pageOptions: { AutoSkip: true, CheckMode: 1, IDCardType: 'IndonesiaIDCard', ThemeColor: '' },
		});
		expect(calls).toEqual([
			{
				action: 'ApplyWebVerificationBizTokenIntl',
				region: 'ap-jakarta',
				params: { RedirectURL: RETURN_URL, Extra: 'campaign-12', Config: { AutoSkip: true, CheckMode: 1, IDCardType: 'IndonesiaIDCard' } },
			},
		]);
		expect(performed.outcome).toMatchObject({ status: 'review', code: 'LINK_CREATED', billable: false });
		expect(performed.fields).toMatchObject({ BizToken: 'TOKEN-0001-AAAA', verificationUrl: expect.stringContaining('TOKEN-0001-AAAA'), returnUrl: RETURN_URL, reference: 'CRM-7' });
	});

	test("China: the RuleId, the customer's name and ID number, a compare photo; no region", async () => {
		const photo = testJpeg();
		const { calls } = await create(
			{ hostedFlow: 'detectAuth', ruleId: ' 2 ', customerName: ' 韦小宝 ', customerIdCard: '11010119900307803x', comparePhotoProperty: 'photo', returnTo: 'url', redirectUrl: 'https://example.com/done' },
			'china',
			[{ photo }],
		);
		expect(calls).toEqual([
			{
				action: 'DetectAuth',
				region: undefined,
				params: { RuleId: '2', Name: '韦小宝', IdCard: '11010119900307803X', RedirectUrl: 'https://example.com/done', ImageBase64: photo.toString('base64') },
			},
		]);
	});

	test('every problem is named, with the item, before anything is sent', async () => {
		const cases: Array<[Record<string, unknown>, string, RegExp]> = [
			[{ hostedFlow: 'detectAuth', ruleId: '1' }, 'international', /^Flow is offered on the China site only; this credential is for the International site \[item 0\]$/],
			[{ hostedFlow: 'webVerification', registryChannel: 'nobody' }, 'international', /^Return To finds no active FaceID Return Trigger on registry channel "nobody" \[item 0\]$/],
			[{ hostedFlow: 'webVerification', returnTo: 'url', redirectUrl: 'ftp://example.com' }, 'international', /^Redirect URL must start with https:\/\/ or http:\/\/ \[item 0\]$/],
			[{ hostedFlow: 'webVerification', extra: 'x'.repeat(1001) }, 'international', /^Extra is longer than Tencent's 1000 characters \[item 0\]$/],
			[{ hostedFlow: 'webVerification', pageOptions: { ActionList: 'blink,wink' } }, 'international', /^Page Options › Action List must be one or two of/],
			[{ hostedFlow: 'webVerification', hostedRegion: 'ap-guangzhou' }, 'international', /^Region "ap-guangzhou" is not one of ap-singapore/],
			[{ hostedFlow: 'detectAuth', ruleId: '' }, 'china', /^Rule ID is empty \[item 0\]$/],
			[{ hostedFlow: 'detectAuth', ruleId: '1', customerIdCard: '110101199003078030' }, 'china', /^ID Card Number .*\[item 0\]$/],
			[{ hostedFlow: 'webVerification', comparePhotoProperty: 'missing' }, 'international', /^Compare Photo \(Binary Property\) names "missing", which the input item does not have \[item 0\]$/],
		];
		for (const [parameters, site, message] of cases) {
			let sent = 0;
			const client = { call: async () => ((sent += 1), {}) } as unknown as TencentCloudClient;
			const context = executeContext({ parameters: { registry: 'embedded', registryFile, ...parameters }, credentials: { site } });
			const error = await failure(() => createVerificationLink.perform.call(context, client, 0));
			expect([parameters, error.message]).toEqual([parameters, expect.stringMatching(message)]);
			// The full ID number never appears in the message.
			expect(error.message).not.toContain('110101199003078030');
			expect(sent).toBe(0);
		}
	});
});

test("a link whose token the registry could not record is not handed out; a channel name with ':' is refused", async () => {
	let sent = 0;
	const client = { call: async () => ((sent += 1), { BizToken: 'TOKEN-0002-BBBB', VerificationURL: 'https://x', RequestId: 'r' }) } as unknown as TencentCloudClient;
	const base = { hostedFlow: 'webVerification', returnTo: 'url', redirectUrl: 'https://example.com/done', registry: 'embedded', registryFile };
	const unrecorded = executeContext({ parameters: base, credentials: { site: 'international' } });
	// The registry accepts the reservation and the start, then fails to record the token.
	const { SqliteRegistry } = await import('../../../../../lib/tencent/pendingVerifications/registry/sqliteStore');
	const register = jest.spyOn(SqliteRegistry.prototype, 'register').mockRejectedValue(new Error('disk full'));
	try {
		const error = await failure(() => createVerificationLink.perform.call(unrecorded, client, 0));
		expect(error.message).toMatch(/^Pending Registry could not record the new link, so its result could never arrive/);
		expect(sent).toBe(1);
	} finally {
		register.mockRestore();
	}
	const colon = executeContext({ parameters: { ...base, registryChannel: 'kyc:links' }, credentials: { site: 'international' } });
	expect((await failure(() => createVerificationLink.perform.call(colon, client, 0))).message).toBe('Registry Channel "kyc:links" must not contain ":"');
	expect(sent).toBe(1);
});

describe('in n8n, against the sandbox', () => {
	let sandbox: Sandbox;
	const desk = hostedVerificationActions();
	beforeAll(async () => {
		sandbox = await startSandbox({ actions: desk.actions });
	});
	afterAll(async () => await sandbox.close());

	test('two links leave by the one output; their tokens wait in the registry with their Reference; the page sends the customer back with the token', async () => {
		const { outputs } = await runFaceIdItems(
			sandbox.url,
			{ operation: 'createVerificationLink', hostedFlow: 'webVerification', hostedRegion: 'ap-singapore', reference: '={{ $json.crmId }}', registry: 'embedded', registryFile },
			[{ crmId: 'CRM-1' }, { crmId: 'CRM-2' }],
		);
		expect(outputs).toHaveLength(1);
		const links = outputs[0].map((item) => item.json as Record<string, unknown>);
		expect(links.map((link) => link.reference)).toEqual(['CRM-1', 'CRM-2']);
		const channel = await openRegistry({ store: 'embedded', file: registryFile, queue: 'default:links' });
		try {
			for (const link of links) {
				expect(link.verificationUrl).toBe(`${sandbox.url}verify/${String(link.BizToken)}`);
				expect(await channel.get(String(link.BizToken))).toMatchObject({ state: 'pending', generation: 'webVerification', region: 'ap-singapore', reference: link.reference });
			}
		} finally {
			await channel.close();
		}
		const token = String(links[0].BizToken);
		expect((await fetch(String(links[0].verificationUrl))).status).toBe(200);
		const back = await fetch(String(links[0].verificationUrl), {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: 'choice=pass',
			redirect: 'manual',
		});
		expect(back.status).toBe(302);
		expect(back.headers.get('location')).toBe(`${RETURN_URL}?token=${token}`);
		expect(desk.simulator.billedVerifications.map((billed) => billed.token)).toEqual([token]);
	});

	test('China: a DetectAuth link with the RuleId; the credential of the international site is refused for it, nothing sent', async () => {
		const parameters = { operation: 'createVerificationLink', hostedFlow: 'detectAuth', ruleId: '1', reference: 'CRM-CN', registry: 'embedded', registryFile };
		const china = await runFaceIdItems(sandbox.url, parameters, [{}], { credential: sandboxCredential(sandbox.url, { site: 'china' }) });
		const link = china.outputs[0][0].json as Record<string, unknown>;
		expect(link).toMatchObject({ verification: { flow: 'detectAuth' }, reference: 'CRM-CN' });
		expect(desk.simulator.session(String(link.BizToken))).toMatchObject({ ruleId: '1', redirectUrl: RETURN_URL });
		sandbox.clearRequests();
		const wrongSite = await runFaceIdItems(sandbox.url, parameters, [{}]);
		expect(wrongSite.result.error?.message).toMatch(/^Flow is offered on the China site only/);
		expect(sandbox.requests).toEqual([]);
	});
});
