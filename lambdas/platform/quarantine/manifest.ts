import { capability } from '../capability/manifest.ts';
import { quarantineFunctions } from './functions.ts';

/** Quarantine: a rejected input moved aside, whole, with its reason. */
export const quarantine = capability({
  name: 'quarantine',
  summary: 'A rejected input copied under quarantine/ (create-only) and removed from intake',
  functions: quarantineFunctions,
  placeholders: { QuarantineFunctionArn: 'quarantine' },
});
