import { NodeHelpers } from 'n8n-workflow';
import type { IDataObject, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';

/** The registry n8n's loader would build, from node classes handed in by full type name. */
export class HarnessNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType | IVersionedNodeType>) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types[nodeType];
		if (type === undefined) {
			throw new Error(
				`harness: unknown node type '${nodeType}' (registered: ${Object.keys(this.types).join(', ')})`,
			);
		}
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		const type = NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
		const versions = [type.description.version].flat();
		if (version !== undefined && !versions.includes(version)) {
			// n8n would silently fall back to the latest version; a test should notice instead.
			throw new Error(`harness: node type '${nodeType}' has no version ${version} (has ${versions.join(', ')})`);
		}
		return type;
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}
