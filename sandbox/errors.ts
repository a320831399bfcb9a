/**
 * An API-level failure an action handler (or the sandbox itself) throws; the server turns it into
 * Tencent's envelope `{"Response":{"Error":{"Code","Message"},"RequestId"}}` with HTTP 200.
 */
export class SandboxApiError extends Error {
	/** Some `FailedOperation.*` verdicts are charged by Tencent; plain errors never are. */
	readonly billable: boolean;

	constructor(
		readonly code: string,
		message: string,
		options: { billable?: boolean } = {},
	) {
		super(message);
		this.name = 'SandboxApiError';
		this.billable = options.billable ?? false;
	}
}

export const missingParameter = (name: string): SandboxApiError =>
	new SandboxApiError('MissingParameter', `The request is missing a required parameter \`${name}\`.`);

export const invalidParameterValue = (name: string, expected: string): SandboxApiError =>
	new SandboxApiError('InvalidParameterValue', `The value of parameter \`${name}\` is invalid: expected ${expected}.`);
