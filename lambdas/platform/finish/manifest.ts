import { capability } from '../capability/manifest.ts';
import { finishFunctions } from './functions.ts';

/** Finishing: the result object, the final status and its audit, exactly once per execution. */
export const finish = capability({
  name: 'finish',
  summary: 'The result object, final status and audit of a document, written once',
  functions: finishFunctions,
  placeholders: { FinalizeFunctionArn: 'finalize' },
});
