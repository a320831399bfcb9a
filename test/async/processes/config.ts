/** What the test hands to its child processes, and the parameters both kinds derive from it. */
export interface ProcessConfig {
	sandboxUrl: string;
	store: 'embedded' | 'redis';
	registryFile?: string;
	redis?: { host: string; port: number };
	redisKeyPrefix?: string;
	channel: string;
}

export function registryParameters(config: ProcessConfig): Record<string, string> {
	return config.store === 'embedded'
		? { registry: 'embedded', registryFile: config.registryFile ?? '', registryChannel: config.channel }
		: { registry: 'redis', redisKeyPrefix: config.redisKeyPrefix ?? 'test-faceid:', registryChannel: config.channel };
}

/** Document i's final status: the three of the faceid generation in turn. */
export function scenarioFor(index: number): 'PASSED' | 'REJECTED' | 'WARNING' {
	return (['PASSED', 'REJECTED', 'WARNING'] as const)[index % 3];
}
