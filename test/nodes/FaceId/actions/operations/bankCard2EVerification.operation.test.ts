/**
 * The "Verify Card and Name" operation (BankCard2EVerification). Its request, built with a stand-in
 * n8n context: the elements Tencent documents, tidied as people write them, and checked before
 * sending. Then through n8n's engine against the sandbox (support/bankCardChecks.ts): each test card
 * by its code on this action's page.
 */
import { bankCard2EVerification } from '../../../../../nodes/FaceId/actions/operations/bankCard2EVerification.operation';
import { PAGE } from '../../../../../sandbox/actions/BankCard2EVerification';
import { startSandbox } from '../../../../../sandbox/server';
import { buildRequest, describeCardNumberCheck, describeThroughTheEngine, TYPED_AS_PEOPLE_DO } from './support/bankCardChecks';

describe('the request', () => {
	test('Name and BankCard only', async () => {
		expect(await buildRequest(bankCard2EVerification, TYPED_AS_PEOPLE_DO)).toStrictEqual({ Name: '张三', BankCard: '6222020200001234567' });
	});

	describeCardNumberCheck(bankCard2EVerification);
});

describeThroughTheEngine('bankCard2EVerification', PAGE, [], startSandbox);
