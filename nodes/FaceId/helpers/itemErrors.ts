import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

/** Bad input on one item: names the field and the item, and is raised before anything is sent. */
export function invalidField(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	problem: string,
	description?: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), `${field} ${problem} [item ${itemIndex}]`, {
		itemIndex,
		description,
	});
}
