/**
 * What the editor shows: each operation with only its own fields (resolved by n8n's own
 * NodeHelpers, as the editor does), a hint or description on every field, the subtitle, the
 * outputs, usableAsTool, the codex file and the icons.
 */
import { existsSync, readFileSync } from 'fs';
import { join, resolve } from 'path';
import { NodeHelpers, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { TencentCloudApi } from '../../../credentials/TencentCloudApi.credentials';
import { findAction, OUTCOME_TABLES, serviceForAction } from '../../../lib/tencent/catalogue';
import { OPERATIONS } from '../../../nodes/FaceId/actions/operations';
import { isFlowOperation, type SingleCallOperation } from '../../../nodes/FaceId/actions/types';
import { readNodeOptions } from '../../../nodes/shared/options';
import { faceIdDescription } from '../../../nodes/FaceId/description';
import { FaceId } from '../../../nodes/FaceId/FaceId.node';
import { PACKAGE_NAME } from '../../harness';

const ROOT = resolve(__dirname, '../../..');
const NODE = { typeVersion: 1 };

/** The parameters the editor keeps for these values at a version, with their defaults filled in. */
function parametersAt(typeVersion: number, values: Record<string, unknown>) {
	return NodeHelpers.getNodeParameters(faceIdDescription.properties, values as never, true, false, { typeVersion }, faceIdDescription) ?? {};
}

/** The top-level parameters the editor shows for these values (version 1, as saved workflows have it). */
function shownParameters(values: Record<string, unknown>): string[] {
	return Object.keys(parametersAt(NODE.typeVersion, values));
}

/** The options of the Operation list shown at a version for these values. */
function operationChoices(typeVersion: number, values: Record<string, unknown>): string[] {
	const shown = faceIdDescription.properties.filter(
		(property) => property.name === 'operation' && NodeHelpers.displayParameter(values as never, property, { typeVersion }, faceIdDescription),
	);
	expect(shown).toHaveLength(1);
	return (shown[0].options ?? []).map((option) => (option as { value: string }).value);
}

describe('versions: one Operation list in version 1, Resource then Operation from version 2', () => {
	test('a new node is version 2; workflows saved with version 1 keep it', () => {
		expect(faceIdDescription.version).toEqual([1, 2]);
		expect(faceIdDescription.defaultVersion).toBe(2);
	});

	test("version 1 shows no Resource, and its Operation list is every operation, in the editor's order", () => {
		expect(parametersAt(1, {})).not.toHaveProperty('resource');
		expect(operationChoices(1, {})).toEqual(OPERATIONS.map((operation) => operation.value));
	});

	test('version 2 lists each resource with exactly its operations: every operation under one resource', () => {
		const resource = faceIdDescription.properties.find((property) => property.name === 'resource');
		const resources = (resource?.options ?? []).map((option) => (option as { value: string }).value);
		expect(resources).toEqual(['identityCard', 'face', 'bankCard', 'phone', 'document', 'verificationLink']);
		const listed = resources.map((value) => operationChoices(2, { resource: value }));
		expect(listed).toEqual([
			['idCardVerification', 'idCardOcrVerification', 'checkIdCardInformation', 'checkIdNameDate'],
			['imageRecognitionV2', 'livenessCompare', 'compareFaceLiveness', 'detectAiFakeFaces'],
			['bankCard4EVerification', 'bankCardVerification', 'bankCard2EVerification', 'checkBankCardInformation'],
			['phoneVerification', 'mobileStatus', 'mobileNetworkTimeVerification', 'checkPhoneAndName'],
			['applyCardVerification', 'getCardVerificationResult'],
			['createVerificationLink', 'getVerificationResult'],
		]);
		expect(listed.flat().sort()).toEqual(OPERATIONS.map((operation) => operation.value).sort());
	});

	test('choosing a resource gives its first operation; each operation shows the same fields in both versions', () => {
		expect(parametersAt(2, { resource: 'document' })).toMatchObject({ resource: 'document', operation: 'applyCardVerification' });
		for (const operation of OPERATIONS) {
			const atVersion2 = Object.keys(parametersAt(2, { resource: operation.resource, operation: operation.value }));
			expect(atVersion2).toEqual(['resource', ...Object.keys(parametersAt(1, { operation: operation.value }))]);
		}
	});
});

describe('each operation shows only its own fields', () => {
	const COMMON = ['operation', 'routeByOutcome', 'simplify', 'options'];

	test.each([
		[{ operation: 'idCardVerification' }, ['name', 'idCard']],
		[{ operation: 'idCardOcrVerification' }, ['verifyBy', 'idCardPhotoSource', 'idCardPhotoBinaryProperty']],
		[{ operation: 'idCardOcrVerification', verifyBy: 'nameAndIdNumber' }, ['verifyBy', 'name', 'idCard']],
		[{ operation: 'idCardOcrVerification', idCardPhotoSource: 'url' }, ['verifyBy', 'idCardPhotoSource', 'idCardPhotoUrl']],
		[
			{ operation: 'checkIdCardInformation', idCardPhotoSource: 'base64' },
			[
				'idCardPhotoSource',
				'idCardPhotoBase64',
				'warnPhotocopy',
				'warnBorder',
				'warnReshoot',
				'warnEdited',
				'warnTemporaryCard',
				'warnBlurry',
				'portraitBinaryProperty',
			],
		],
		[{ operation: 'imageRecognitionV2' }, ['name', 'idCard', 'facePhotoSource', 'facePhotoBinaryProperty', 'additionalFields']],
		[{ operation: 'bankCard4EVerification' }, ['name', 'idCard', 'bankCard', 'phone']],
		[{ operation: 'bankCardVerification' }, ['name', 'idCard', 'bankCard']],
		[{ operation: 'bankCard2EVerification' }, ['name', 'bankCard']],
		[{ operation: 'checkBankCardInformation' }, ['bankCard']],
		[{ operation: 'livenessCompare' }, ['livenessType', 'livenessVideoSource', 'livenessVideoBinaryProperty', 'livenessPhotoSource', 'livenessPhotoBinaryProperty', 'bestFrames']],
		[{ operation: 'livenessCompare', livenessType: 'LIP', livenessVideoSource: 'url' }, ['livenessType', 'validateData', 'livenessVideoSource', 'livenessVideoUrl', 'livenessPhotoSource', 'livenessPhotoBinaryProperty', 'bestFrames']],
		[{ operation: 'compareFaceLiveness', livenessType: 'ACTION' }, ['livenessType', 'validateData', 'faceLivenessVideoSource', 'faceLivenessVideoBinaryProperty', 'faceLivenessPhotoSource', 'faceLivenessPhotoBinaryProperty']],
		[{ operation: 'detectAiFakeFaces' }, ['faceInputType', 'suspectPhotoSource', 'suspectPhotoBinaryProperty']],
		[{ operation: 'detectAiFakeFaces', faceInputType: 'video', suspectVideoSource: 'base64' }, ['faceInputType', 'suspectVideoSource', 'suspectVideoBase64']],
		[{ operation: 'checkIdNameDate' }, ['name', 'idCard', 'validFrom', 'validUntil']],
		[{ operation: 'phoneVerification' }, ['name', 'idCard', 'phone', 'detailedResult']],
		[{ operation: 'mobileStatus' }, ['phone']],
		[{ operation: 'mobileNetworkTimeVerification' }, ['phone']],
		[{ operation: 'checkPhoneAndName' }, ['name', 'phone']],
	])('%j → %j', (values, own) => {
		expect(shownParameters(values).sort()).toEqual([...COMMON, ...own].sort());
	});

	test("every operation's own properties are tied to that operation", () => {
		const operationProperties = faceIdDescription.properties.filter(
			(property) => !['resource', 'operation', 'routeByOutcome', 'simplify', 'options'].includes(property.name),
		);
		for (const property of operationProperties) {
			const operations = property.displayOptions?.show?.operation;
			expect(operations).toHaveLength(1);
			const owner = OPERATIONS.find((operation) => operation.value === operations?.[0]);
			expect(owner?.properties.map((own) => own.name)).toContain(property.name);
		}
	});

	test('Options › Region shows only for the operations that send to it (the document check has its own Region)', () => {
		const option = (faceIdDescription.properties.find((property) => property.name === 'options')?.options as INodeProperties[]).find(
			(candidate) => candidate.name === 'region',
		);
		expect(option?.displayOptions?.show?.['/operation']).toEqual(SYNCHRONOUS);
	});

	test('Options › Timeout applies its default to every operation even when the option was never added', () => {
		const option = (faceIdDescription.properties.find((property) => property.name === 'options')?.options as INodeProperties[]).find(
			(candidate) => candidate.name === 'timeout',
		);
		expect(option?.displayOptions).toBeUndefined();
		const context = { getNodeParameter: () => ({}) } as unknown as IExecuteFunctions;
		expect(readNodeOptions(context).timeout).toBe(option?.default);
		expect(option?.default).toBe(30);
	});

	test('Minimum Months in Use shows only for the months-in-use check, and applies its default of 6 when never added', () => {
		const option = (faceIdDescription.properties.find((property) => property.name === 'options')?.options as INodeProperties[]).find(
			(candidate) => candidate.name === 'minimumMonthsInUse',
		);
		expect(option).toMatchObject({ default: 6, typeOptions: { minValue: 0, maxValue: 1200 } });
		expect(option?.displayOptions?.show?.['/operation']).toEqual(['mobileNetworkTimeVerification']);
		const context = { getNodeParameter: () => ({}) } as unknown as IExecuteFunctions;
		expect(readNodeOptions(context).minimumMonthsInUse).toBe(6);
	});

	test('Similarity Threshold shows only for the operations whose action returns Sim', () => {
		const option = (faceIdDescription.properties.find((property) => property.name === 'options')?.options as INodeProperties[]).find(
			(candidate) => candidate.name === 'similarityThreshold',
		);
		expect(option).toMatchObject({ default: 70, typeOptions: { minValue: 0, maxValue: 100 } });
		expect(option?.displayOptions?.show?.['/operation']).toEqual(['checkIdCardInformation', 'imageRecognitionV2', 'livenessCompare', 'compareFaceLiveness']);
	});
});

/** The single-call operations (the synchronous checks); the flow operations are tested with their own code. */
const SYNCHRONOUS = [
	'idCardVerification',
	'idCardOcrVerification',
	'checkIdCardInformation',
	'checkIdNameDate',
	'imageRecognitionV2',
	'livenessCompare',
	'compareFaceLiveness',
	'detectAiFakeFaces',
	'bankCard4EVerification',
	'bankCardVerification',
	'bankCard2EVerification',
	'checkBankCardInformation',
	'phoneVerification',
	'mobileStatus',
	'mobileNetworkTimeVerification',
	'checkPhoneAndName',
];

/** The node's shared fields and those of the synchronous operations. */
const CHECKED_PROPERTIES = faceIdDescription.properties.filter((property) => {
	const operations = property.displayOptions?.show?.operation as string[] | undefined;
	return operations === undefined || operations.every((operation) => SYNCHRONOUS.includes(operation));
});

describe('every field explains itself', () => {
	/** Every property, including the options of collections, with its path. */
	function walk(properties: INodeProperties[], path: string[] = []): Array<[string, INodeProperties]> {
		return properties.flatMap((property) => {
			const here: Array<[string, INodeProperties]> = [[[...path, property.name].join('.'), property]];
			const nested = (property.options ?? []).filter((option): option is INodeProperties => 'type' in option && 'displayName' in option);
			return [...here, ...walk(nested, [...path, property.name])];
		});
	}

	test.each(walk(CHECKED_PROPERTIES))('%s has a hint or a description', (_path, property) => {
		const text = `${property.hint ?? ''}${property.description ?? ''}`.trim();
		expect(text.length).toBeGreaterThan(10);
	});

	test('every option of an options field describes itself', () => {
		for (const [, property] of walk(CHECKED_PROPERTIES).filter(([, candidate]) => candidate.type === 'options')) {
			for (const option of property.options ?? []) {
				expect((option as { description?: string }).description?.length ?? 0).toBeGreaterThan(5);
			}
		}
	});
});

describe('node description', () => {
	test('one operation per action, each in the action catalogue (the credential signs it); the single-call ones with a verdict table', () => {
		const operation = faceIdDescription.properties.find((property) => property.name === 'operation');
		expect(operation?.options?.map((option) => (option as { value: string }).value)).toEqual(OPERATIONS.map((candidate) => candidate.value));
		const singleCall = OPERATIONS.filter((candidate): candidate is SingleCallOperation => !isFlowOperation(candidate));
		expect(singleCall.map((candidate) => candidate.value)).toEqual(SYNCHRONOUS);
		for (const candidate of singleCall) {
			expect(findAction(candidate.action.name)).toBe(candidate.action);
			expect(serviceForAction(candidate.action.name)).toBe('faceid');
			expect(OUTCOME_TABLES[candidate.action.name]).toBe(candidate.action.outcomes);
		}
	});

	test('the subtitle shows the chosen operation by its label', () => {
		const match = /^=\{\{ (\{.*\})\[\$parameter\["operation"\]\] \}\}$/.exec(String(faceIdDescription.subtitle));
		expect(match).not.toBeNull();
		expect(JSON.parse(match![1])).toEqual(Object.fromEntries(OPERATIONS.map((candidate) => [candidate.value, candidate.name])));
	});

	test('usable as an AI tool, three named outputs (one with routing off), the credential required', () => {
		const description = new FaceId().description;
		expect(description.usableAsTool).toBe(true);
		expect(description.credentials).toContainEqual({ name: 'tencentCloudApi', required: true });
		const outputs = String(description.outputs);
		expect(outputs).toContain('$parameter.routeByOutcome === false');
		for (const name of ['Passed', 'Failed', 'Review']) expect(outputs).toContain(`"displayName":"${name}"`);
		const simplify = description.properties.find((property) => property.name === 'simplify');
		expect(simplify).toMatchObject({ type: 'boolean', default: true });
	});

	test('Create Verification Link has one output and no Route by Outcome: a link is not a verdict', () => {
		const expression = String(new FaceId().description.outputs).replace(/^=\{\{([\s\S]*)\}\}$/, '$1');
		// The same JavaScript n8n evaluates, with the node's parameters as $parameter.
		const outputsFor = (parameters: Record<string, unknown>) => new Function('$parameter', `return (${expression});`)(parameters) as unknown[];
		expect(outputsFor({ operation: 'createVerificationLink', routeByOutcome: true })).toHaveLength(1);
		expect(outputsFor({ operation: 'getVerificationResult', routeByOutcome: true })).toHaveLength(3);
		expect(outputsFor({ operation: 'idCardVerification', routeByOutcome: false })).toHaveLength(1);
		const routeByOutcome = faceIdDescription.properties.find((property) => property.name === 'routeByOutcome');
		expect(routeByOutcome?.displayOptions?.hide?.operation).toEqual(['createVerificationLink']);
	});
});

describe('codex and icons', () => {
	const codex = JSON.parse(readFileSync(join(ROOT, 'nodes/FaceId/FaceId.node.json'), 'utf8'));

	test('the codex names the node, its categories and documentation links', () => {
		expect(codex.node).toBe(`${PACKAGE_NAME}.${faceIdDescription.name}`);
		expect(codex.categories.length).toBeGreaterThan(0);
		const links = [...codex.resources.primaryDocumentation, ...codex.resources.credentialDocumentation].map((entry: { url: string }) => entry.url);
		expect(links.length).toBeGreaterThanOrEqual(3);
		for (const url of links) expect(url).toMatch(/^https:\/\/(www\.tencentcloud\.com|cloud\.tencent\.com)\/document\//);
	});

	const iconFiles = (icon: unknown, base: string): string[] => {
		const { light, dark } = icon as { light: string; dark: string };
		return [light, dark].map((file) => resolve(base, file.replace(/^file:/, '')));
	};

	test.each([
		['node', new FaceId().description.icon, join(ROOT, 'nodes/FaceId')],
		['credential', new TencentCloudApi().icon, join(ROOT, 'credentials')],
	])('%s: a light and a dark SVG icon that exist', (_what, icon, base) => {
		const [light, dark] = iconFiles(icon, base);
		expect(light).not.toBe(dark);
		for (const file of [light, dark]) {
			expect(existsSync(file)).toBe(true);
			expect(readFileSync(file, 'utf8')).toMatch(/^<svg [^>]*viewBox="0 0 60 60"/);
		}
	});
});
