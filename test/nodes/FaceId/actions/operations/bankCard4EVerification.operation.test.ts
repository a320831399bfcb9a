/**
 * The "Verify Card, Name, ID Number and Phone" operation (BankCard4EVerification). Its request, built
 * with a stand-in n8n context: the elements Tencent documents, tidied as people write them, and
 * checked before sending. Then through n8n's engine against the sandbox (support/bankCardChecks.ts):
 * each test card by its code on this action's page.
 */
import { NodeOperationError } from 'n8n-workflow';

import { bankCard4EVerification } from '../../../../../nodes/FaceId/actions/operations/bankCard4EVerification.operation';
import { PAGE } from '../../../../../sandbox/actions/BankCard4EVerification';
import { startSandbox } from '../../../../../sandbox/server';
import { buildRequest, describeCardNumberCheck, describeThroughTheEngine, TYPED_AS_PEOPLE_DO } from './support/bankCardChecks';
import { failure } from './support/executeContext';
describe('the request', () => {
	test('Name, IdCard, BankCard and Phone: the card without its spaces, the phone without +86 and hyphens', async () => {
		expect(await buildRequest(bankCard4EVerification, TYPED_AS_PEOPLE_DO)).toStrictEqual({ Name: '张三', IdCard: '110105198506150022', BankCard: '6222020200001234567', Phone: '13800138000' });
	});

	test('a reserved mobile number that is not a mainland one is refused before sending, shown masked', async () => {
		const error = await failure(() => buildRequest(bankCard4EVerification, { ...TYPED_AS_PEOPLE_DO, phone: '2380013800' }));
		expect(error.message).toBe('Reserved Mobile Number must have 11 digits, not 10 [item 0]');
		expect((error as NodeOperationError).description).toBe('Received ******3800. Nothing was sent to Tencent Cloud, so this item cost nothing.');
	});

	describeCardNumberCheck(bankCard4EVerification);
});

describeThroughTheEngine('bankCard4EVerification', PAGE, ['idCard', 'phone'], startSandbox);
