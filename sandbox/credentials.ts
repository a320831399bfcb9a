/** API keys the sandbox knows. The default pair is public test data, not a secret. */
export interface SandboxKey {
	secretId: string;
	secretKey: string;
	/** When set, the key is a temporary (STS) key: requests must carry this X-TC-Token. */
	sessionToken?: string;
}

export const SANDBOX_CREDENTIALS: Readonly<SandboxKey> = Object.freeze({
	secretId: 'AKIDSANDBOX0000000000000000000000000',
	secretKey: 'sandbox-secret-key-0000000000000000',
});
