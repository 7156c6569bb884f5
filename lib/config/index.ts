export { parseConfig, TowerConfigError } from './parse-config.ts';
export { logRetentionValues } from './schema.ts';
export type { ProcessConfig, Stage, TextractConfig, TowerConfig } from './types.ts';
