export { parseConfig, TowerConfigError } from './parse-config.ts';
export { logRetentionValues, type TowerSettings } from './schema.ts';
export type { ProcessConfig, Stage, TextractConfig, TowerConfig } from './types.ts';
