import { ICredentialsHelper } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

/**
 * Stands in for n8n's CredentialsHelper (packages/cli): credentials come from the test,
 * by type name, instead of the encrypted database. Only what node execution calls is real.
 */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	private readonly types = new Map<string, ICredentialType>();

	constructor(
		credentialTypes: ICredentialType[],
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
		for (const type of credentialTypes) this.types.set(type.name, type);
	}

	getParentTypes(name: string): string[] {
		const parents = this.types.get(name)?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		const type = this.types.get(credentialType);
		if (!type?.restrictToSupportedNodes) return true;
		// n8n's loader stores short names ('faceId'), callers pass full ones ('pkg.faceId')
		const shortName = nodeType.slice(nodeType.lastIndexOf('.') + 1);
		return (type.supportedNodes ?? []).some((name) => name === nodeType || name === shortName);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.getType(typeName);
		if (authenticate === undefined) return requestOptions as IHttpRequestOptions;
		if (typeof authenticate !== 'function') {
			// Generic (declarative) authentication needs n8n's expression-resolving helper.
			throw new Error(
				`harness: credential type '${typeName}' uses generic authenticate; only function authenticate is supported`,
			);
		}
		return await authenticate(credentials, requestOptions as IHttpRequestOptions);
	}

	async preAuthentication(
		_helpers: IHttpRequestHelper,
		_credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		this.rejectPreAuthentication(typeName);
		return undefined;
	}

	async runPreAuthentication(
		_helpers: IHttpRequestHelper,
		_credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		this.rejectPreAuthentication(typeName);
		return undefined;
	}

	async getCredentials(_nodeCredentials: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		throw new Error(`harness: getCredentials('${type}') (stored credential entity) is not supported`);
	}

	/** Like n8n: the stored data with the type's property defaults filled in; a copy per call. */
	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const supplied = this.data[type];
		if (supplied === undefined) {
			throw new Error(
				`harness: no credential data of type '${type}' supplied (runWorkflow options.credentials)`,
			);
		}
		const defaults: ICredentialDataDecryptedObject = {};
		for (const property of this.getCredentialsProperties(type)) {
			if (property.default !== undefined && property.type !== 'notice') {
				defaults[property.name] = property.default as ICredentialDataDecryptedObject[string];
			}
		}
		return structuredClone({ ...defaults, ...supplied });
	}

	async updateCredentials(_nodeCredentials: INodeCredentialsDetails, type: string): Promise<void> {
		throw new Error(`harness: updateCredentials('${type}') is not supported`);
	}

	async updateCredentialsOauthTokenData(_nodeCredentials: INodeCredentialsDetails, type: string): Promise<void> {
		throw new Error(`harness: OAuth token updates ('${type}') are not supported`);
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.getType(type).properties;
	}

	private getType(name: string): ICredentialType {
		const type = this.types.get(name);
		if (!type) {
			const known = [...this.types.keys()].join(', ') || 'none';
			throw new Error(`harness: unknown credential type '${name}' (registered: ${known})`);
		}
		return type;
	}

	private rejectPreAuthentication(typeName: string): void {
		if (this.getType(typeName).preAuthentication !== undefined) {
			throw new Error(`harness: credential type '${typeName}' uses preAuthentication, which is not supported`);
		}
	}
}
