import type { INodeProperties } from 'n8n-workflow';

type ShowConditions = NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>;

/** Copies of `properties` shown only when `show` also holds (added to their own conditions). */
export function showWhen(show: ShowConditions, properties: readonly INodeProperties[]): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: { ...property.displayOptions, show: { ...property.displayOptions?.show, ...show } },
	}));
}
