// n8n's community-node lint rules (eslint-plugin-n8n-nodes-base, and @n8n/node-cli's
// @n8n/eslint-plugin-community-nodes) in ESLint 9 flat config.
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

const rulesOf = (name) => n8nNodesBase.configs[name].rules;
const communityNodes = n8nCommunityNodesPlugin.configs.recommendedWithoutN8nCloudSupport;

export default [
	{ ignores: ['dist/**', 'node_modules/**', '.cache/**'] },
	{
		files: ['package.json'],
		// As @n8n/node-cli parses it: the community-nodes rules read package.json as an object expression.
		languageOptions: { parser: tsParser, parserOptions: { extraFileExtensions: ['.json'] } },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...rulesOf('community'),
			// The repository URL is the project's own, not the starter's placeholder.
			'n8n-nodes-base/community-package-json-name-still-default': 'off',
		},
	},
	{
		files: ['credentials/**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...rulesOf('credentials'),
			// The documentation URL is Tencent's page on API keys, not an n8n docs slug.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...rulesOf('nodes'),
			// Documentation lives in the codex file (FaceId.node.json), which links Tencent's API pages.
			'n8n-nodes-base/node-class-description-missing-subtitle': 'error',
		},
	},
	{
		// Each node keeps its description in description.ts beside it, as n8n's own larger nodes do.
		files: ['nodes/**/description.ts'],
		rules: { 'n8n-nodes-base/node-filename-against-convention': 'off' },
	},
	{
		files: ['lib/**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
		rules: {
			'no-restricted-imports': [
				'error',
				{ patterns: [{ group: ['n8n-workflow', 'n8n-core', 'n8n-workflow/*'], message: 'lib/ stays free of n8n: the signer and client are reused outside n8n.' }] },
			],
		},
	},
	{
		// @n8n/node-cli's community-node rules, as n8n reviews a package, in their self-hosted form
		// (recommendedWithoutN8nCloudSupport). Off, with the reason:
		// - no-restricted-globals, no-restricted-imports (n8n Cloud only, already left out of this set):
		//   the embedded registry uses node:sqlite, node:fs and node:path, finds n8n's folder through
		//   process.env and times its leases with setTimeout; the Redis registry loads ioredis.
		// - no-runtime-dependencies: ioredis is the Redis registry's client (queue mode, multi-main).
		// So the package is for self-hosted n8n; it cannot be a verified node on n8n Cloud.
		// - valid-author: the package has no maintainer e-mail address yet, and inventing one would
		//   publish a wrong contact; set `author.email` before publishing and drop this line.
		files: ['credentials/**/*.ts', 'nodes/**/*.ts', 'lib/**/*.ts', 'package.json'],
		plugins: communityNodes.plugins,
		rules: {
			...communityNodes.rules,
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
			'@n8n/community-nodes/valid-author': 'off',
		},
	},
	{
		// lib/ has no n8n imports (above): the node turns its errors into NodeApiError / NodeOperationError.
		files: ['lib/**/*.ts'],
		rules: { '@n8n/community-nodes/require-node-api-error': 'off' },
	},
];
