// n8n's community-node lint rules (eslint-plugin-n8n-nodes-base) in ESLint 9 flat config.
import tsParser from '@typescript-eslint/parser';
import jsoncParser from 'jsonc-eslint-parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

const rulesOf = (name) => n8nNodesBase.configs[name].rules;

export default [
	{ ignores: ['dist/**', 'node_modules/**', '.cache/**'] },
	{
		files: ['package.json'],
		languageOptions: { parser: jsoncParser },
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
		// n8n's own versioned nodes keep the description in actions/versionDescription.ts, as this package does.
		files: ['nodes/**/actions/versionDescription.ts'],
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
];
