/**
 * nock 15 and its @mswjs/interceptors stack ship as ES modules only, which Jest cannot require()
 * without --experimental-vm-modules: those packages (and only those) are compiled to CommonJS by
 * test/lib/support/esmToCjsTransformer.js. Everything else under node_modules stays untransformed.
 */
const ESM_ONLY_PACKAGES = ['nock', '@mswjs/interceptors', '@open-draft/until', 'rettime', 'outvariant', 'is-node-process'];

module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testTimeout: 30000,
	setupFilesAfterEnv: ['<rootDir>/test/support/restoreNock.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { isolatedModules: true }],
		'^.+\\.m?js$': '<rootDir>/test/lib/support/esmToCjsTransformer.js',
	},
	transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY_PACKAGES.join('|')})/)`],
};
