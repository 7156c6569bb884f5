import { capability } from '../capability/manifest.ts';
import { rules as uses } from './uses.ts';

/** Versioned rules as data, with the parameters each deployment sets per process. */
export const rules = capability({
  name: 'rules',
  summary: "A process's rule parameters, validated by the process and hashed into its rules version",
  uses,
  settings: ['processes.<id>.rules'],
});
