// npm scripts must run on the Node 24 that the `node` devDependency provides (n8n 2.x needs it).
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
	console.error(
		`Node ${process.versions.node} is running this script; this project needs Node 24.\n` +
			'Run it through npm (npm run …), which puts the pinned node@24 from devDependencies on PATH, after `npm ci`.',
	);
	process.exit(1);
}
