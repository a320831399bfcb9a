/**
 * Jest transformer for the few ES-module-only packages in node_modules (nock 15 and its
 * @mswjs/interceptors stack): compiles them to CommonJS with TypeScript's transpiler, turning
 * `import.meta.url` (which CommonJS has no syntax for) into the file URL of the module.
 * Without --experimental-vm-modules Jest can only require() CommonJS.
 */
const crypto = require('crypto');
const ts = require('typescript');

const IMPORT_META_URL = /\bimport\.meta\.url\b/g;

module.exports = {
	process(source, filename) {
		const code = source.replace(IMPORT_META_URL, 'require("node:url").pathToFileURL(__filename).href');
		const output = ts.transpileModule(code, {
			fileName: filename.replace(/\.mjs$/, '.js'),
			compilerOptions: {
				allowJs: true,
				module: ts.ModuleKind.CommonJS,
				target: ts.ScriptTarget.ES2022,
				esModuleInterop: true,
				inlineSourceMap: true,
			},
		});
		return { code: output.outputText };
	},
	getCacheKey(source, filename) {
		return crypto
			.createHash('sha256')
			.update(ts.version)
			.update('\0')
			.update(filename)
			.update('\0')
			.update(source)
			.update('\0v1')
			.digest('hex');
	},
};
