/**
 * The "Verify Card, Name and ID Number" operation (BankCardVerification). Its request, built with a
 * stand-in n8n context: the elements Tencent documents, tidied as people write them, and checked
 * before sending. Then through n8n's engine against the sandbox (support/bankCardChecks.ts): each test
 * card by its code on this action's page.
 */
import { bankCardVerification } from '../../../../../nodes/FaceId/actions/operations/bankCardVerification.operation';
import { PAGE } from '../../../../../sandbox/actions/BankCardVerification';
import { startSandbox } from '../../../../../sandbox/server';
import { buildRequest, describeCardNumberCheck, describeThroughTheEngine, TYPED_AS_PEOPLE_DO } from './support/bankCardChecks';

describe('the request', () => {
	test('Name, IdCard and BankCard, and no phone', async () => {
		expect(await buildRequest(bankCardVerification, TYPED_AS_PEOPLE_DO)).toStrictEqual({ Name: '张三', IdCard: '110105198506150022', BankCard: '6222020200001234567' });
	});

	describeCardNumberCheck(bankCardVerification);
});

describeThroughTheEngine('bankCardVerification', PAGE, ['idCard'], startSandbox);
