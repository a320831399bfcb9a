/** Reading an action's request parameters the way Tencent checks them. */
import { invalidParameterValue, missingParameter } from './errors';

/** A required string parameter: MissingParameter when absent, InvalidParameterValue when not a string. */
export function requiredString(params: Record<string, unknown>, name: string): string {
	const value = params[name];
	if (value === undefined || value === null) throw missingParameter(name);
	if (typeof value !== 'string') throw invalidParameterValue(name, 'a string');
	return value;
}

/** An optional string parameter: undefined when absent, InvalidParameterValue when not a string. */
export function optionalString(params: Record<string, unknown>, name: string): string | undefined {
	const value = params[name];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw invalidParameterValue(name, 'a string');
	return value;
}
