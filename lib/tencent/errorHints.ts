/** What a user can do about an error code Tencent (or the network) returned. */
const HINTS: ReadonlyArray<[RegExp, string]> = [
	[/^AuthFailure\.SignatureExpire$/, "The machine's clock is more than 5 minutes off Tencent's: sync it with NTP."],
	[/^AuthFailure\.SignatureFailure$/, 'The SecretKey does not match the SecretId, or a proxy changed the request body.'],
	[/^AuthFailure\.(SecretIdNotFound|InvalidSecretId)$/, 'Check the SecretId, and that the credential uses the site (China or International) the key belongs to.'],
	[/^AuthFailure\.TokenFailure$/, 'The STS session token expired or belongs to another key: fetch new temporary credentials.'],
	[/^AuthFailure\.(UnauthorizedOperation|InvalidAuthorization)$/, "The key's CAM policy does not allow this FaceID action."],
	[/^UnauthorizedOperation\.(Nonactivated|NonAuthorize)$/, 'Activate FaceID (and this action) in the Tencent Cloud console.'],
	[/^UnauthorizedOperation\.Arrears$/, 'The Tencent Cloud account is in arrears: top it up.'],
	[/^RequestLimitExceeded/, 'Too many requests per second: lower the node\'s concurrency or rate limit.'],
	[/^(UnsupportedRegion|InvalidParameterValue\.Region)/, 'This action is not offered in the chosen region.'],
	[/^(InternalError|ServiceUnavailable|HTTP50[234])/, 'A temporary failure on the way to Tencent Cloud: try again later.'],
	[/^(InvalidParameter|InvalidParameterValue|MissingParameter)/, 'A field was rejected by Tencent Cloud: check the values sent for this item.'],
	[/^InvalidResponse\./, 'The endpoint did not answer like Tencent Cloud: check the custom endpoint or proxy settings.'],
	[/^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|NetworkError)/, 'Tencent Cloud could not be reached: check DNS, proxy and firewall settings.'],
];

export function hintForErrorCode(code: string): string | undefined {
	return HINTS.find(([pattern]) => pattern.test(code))?.[1];
}
