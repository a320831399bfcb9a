/** IdCardVerification: name + ID number against the test identity table. */
import { IdCardVerification } from '../../lib/tencent/actions/IdCardVerification';
import { defineSandboxAction } from '../action';
import { BILLABLE_RESULTS, idCardVerificationResult, RESULT_DESCRIPTIONS } from '../identities';
import { requiredString } from '../params';

export const IdCardVerificationAction = defineSandboxAction(IdCardVerification, {
	handler(params, ctx) {
		// Encryption was already opened by the server (sandbox/encryption.ts): Name and IdCard are plain here.
		const idCard = requiredString(params, 'IdCard');
		const name = requiredString(params, 'Name');
		const result = idCardVerificationResult(name, idCard, new Date(ctx.now));
		return { Result: result, Description: RESULT_DESCRIPTIONS[result] };
	},
	isBillable: (response) => BILLABLE_RESULTS.has(String(response.Result)),
});
