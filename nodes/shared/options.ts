/**
 * The Options collections of both nodes, read in one place with one set of defaults: each number
 * option is declared once (default and bounds), and both the description and the reader use that
 * declaration, so what the editor shows is what an execution applies even when the user never
 * added the option.
 */
import type { IExecuteFunctions, INodeProperties, IPollFunctions } from 'n8n-workflow';

import { DEFAULT_MINIMUM_MONTHS_IN_USE } from '../../lib/tencent/actions/verdicts';
import { DEFAULT_RETRY_POLICY } from '../../lib/tencent/retryPolicy';

export interface NumberOption {
	default: number;
	min: number;
	max: number;
	/** Rounded down to a whole number when read. */
	whole?: boolean;
}

/** The FaceID node's number options. */
export const NODE_NUMBER_OPTIONS = {
	/** 100 requests/s while Tencent answers within ~100 ms; image items hold megabytes each. */
	concurrency: { default: 10, min: 1, max: 50, whole: true },
	maxRequestsPerSecond: { default: 0, min: 0, max: Number.MAX_SAFE_INTEGER },
	maxRetries: { default: DEFAULT_RETRY_POLICY.maxRetries, min: 0, max: 10, whole: true },
	minimumMonthsInUse: { default: DEFAULT_MINIMUM_MONTHS_IN_USE, min: 0, max: 1200, whole: true },
	timeout: { default: 30, min: 1, max: 300 },
} as const satisfies Record<string, NumberOption>;

/** The FaceID Trigger's number options. */
/** The Return Trigger's result request: a customer's browser (and any proxy in front of n8n) is waiting. */
export const RETURN_TIMEOUT: NumberOption = { default: 10, min: 1, max: 60 };

export const TRIGGER_NUMBER_OPTIONS = {
	commitDelaySeconds: { default: 1, min: 0, max: 60 },
	concurrency: { default: 4, min: 1, max: 20, whole: true },
	leaseSeconds: { default: 300, min: 1, max: 3600 },
	maxResults: { default: 100, min: 1, max: 10_000, whole: true },
	retentionDays: { default: 7, min: 0, max: 365 },
	timeout: { default: 30, min: 1, max: 300 },
} as const satisfies Record<string, NumberOption>;

/** A number option's field, with its default and bounds from its declaration. */
export function numberOptionProperty(
	spec: NumberOption,
	field: Pick<INodeProperties, 'displayName' | 'name' | 'description'> & { numberPrecision?: number },
): INodeProperties {
	const { numberPrecision, ...rest } = field;
	const typeOptions: INodeProperties['typeOptions'] = { minValue: spec.min };
	if (spec.max !== Number.MAX_SAFE_INTEGER) typeOptions.maxValue = spec.max;
	if (numberPrecision !== undefined) typeOptions.numberPrecision = numberPrecision;
	return { ...rest, type: 'number', typeOptions, default: spec.default };
}

/** A number option as the execution applies it: its default when absent or not a number, within its bounds. */
export function readNumberOption(value: unknown, spec: NumberOption): number {
	let number = typeof value === 'number' && Number.isFinite(value) ? value : spec.default;
	if (spec.whole) number = Math.floor(number);
	return Math.min(spec.max, Math.max(spec.min, number));
}

type NumberOptions<T extends Record<string, NumberOption>> = { [K in keyof T]: number };

function readNumbers<T extends Record<string, NumberOption>>(raw: Record<string, unknown>, specs: T): NumberOptions<T> {
	return Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, readNumberOption(raw[name], spec)])) as NumberOptions<T>;
}

export interface FaceIdNodeOptions extends NumberOptions<typeof NODE_NUMBER_OPTIONS> {
	retryPossiblyProcessed: boolean;
	validateBeforeSending: boolean;
	/** Overrides the credential's region; undefined: the credential's. */
	region?: string;
	/** Checked per item where it applies (it may be an expression): kept as the user gave it. */
	similarityThreshold?: unknown;
	encryption: string;
	maskPersonalData: boolean;
}

/**
 * Options already read in a run of the node, by item: an item's pipeline and each of its field
 * readers ask for them, and they cannot change within the run (one context per run).
 */
const READ_OPTIONS = new WeakMap<IExecuteFunctions, Map<number, FaceIdNodeOptions>>();

/** The FaceID node's options for one item (node-wide settings are read from item 0), read once per run and item. */
export function readNodeOptions(context: IExecuteFunctions, itemIndex = 0): FaceIdNodeOptions {
	let byItem = READ_OPTIONS.get(context);
	if (!byItem) READ_OPTIONS.set(context, (byItem = new Map()));
	let options = byItem.get(itemIndex);
	if (!options) byItem.set(itemIndex, (options = Object.freeze(optionsOf(context, itemIndex))));
	return options;
}

function optionsOf(context: IExecuteFunctions, itemIndex: number): FaceIdNodeOptions {
	const raw = context.getNodeParameter('options', itemIndex, {}) as Record<string, unknown>;
	const region = typeof raw.region === 'string' ? raw.region.trim() : '';
	return {
		...readNumbers(raw, NODE_NUMBER_OPTIONS),
		// Stored as `retryOnTimeout`, its name from when it covered timeouts only: saved workflows keep it.
		retryPossiblyProcessed: raw.retryOnTimeout === true,
		validateBeforeSending: raw.validateBeforeSending !== false,
		region: region || undefined,
		similarityThreshold: raw.similarityThreshold,
		encryption: typeof raw.encryption === 'string' ? raw.encryption : 'off',
		maskPersonalData: raw.maskPersonalData === true,
	};
}

export interface FaceIdTriggerOptions extends NumberOptions<typeof TRIGGER_NUMBER_OPTIONS> {
	maskPersonalData: boolean;
}

export function readTriggerOptions(context: IPollFunctions): FaceIdTriggerOptions {
	const raw = context.getNodeParameter('options', {}) as Record<string, unknown>;
	return { ...readNumbers(raw, TRIGGER_NUMBER_OPTIONS), maskPersonalData: raw.maskPersonalData === true };
}
