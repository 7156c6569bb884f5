import { capability } from '../capability/manifest.ts';
import { failureFunctions } from './functions.ts';

/** Failure recording: a step's error, classified transient or permanent, on the document and in the audit. */
export const failure = capability({
  name: 'failure',
  summary: 'FAILED with the failed step, the error class and its cause',
  functions: failureFunctions,
  placeholders: { RecordFailureFunctionArn: 'record-failure' },
});
