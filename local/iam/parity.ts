import { join } from 'node:path';
import type { Endpoints } from '../runtime/clients.ts';
import type { IamEvaluator } from './evaluator.ts';
import type { MappingScope } from './requests.ts';

/** Set to `off` to run without IAM evaluation (`npm start -- --no-iam` sets it). */
export const iamSwitch = 'TOWER_IAM';
/** A file every runtime of a test run appends its decisions to, for one report of the whole run. */
export const iamRecordFile = 'TOWER_IAM_RECORD';

/** Whether evaluation is on: by default, unless the option or TOWER_IAM=off turns it off. */
export function iamEnabled(option: boolean | undefined): boolean {
  return option ?? process.env[iamSwitch] !== 'off';
}

export const iamOffWarning =
  'WARNING: IAM evaluation is off: calls AWS would deny succeed locally (on by default; remove --no-iam / TOWER_IAM=off)';

/** The decision log and the policies of a data directory, for `npm run iam-report`. */
export const iamFiles = (dataDir: string) => ({
  decisions: join(dataDir, 'iam', 'decisions.jsonl'),
  policies: join(dataDir, 'iam', 'policies.json'),
});

export interface IamParity {
  readonly evaluator: IamEvaluator;
  readonly scope: MappingScope;
  /** Endpoints for functions: the same services, behind the IAM proxy. */
  readonly endpoints: Endpoints;
  close(): Promise<void>;
}
