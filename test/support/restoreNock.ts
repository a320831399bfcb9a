/**
 * Runs after every test file. nock patches Node's http module, which outlives a file inside a
 * jest worker: a file that forgets to restore it would answer the next file's real requests.
 */
afterAll(async () => {
	const { default: nock } = await import('nock');
	nock.cleanAll();
	nock.enableNetConnect();
	nock.restore();
});
