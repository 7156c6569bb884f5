import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** One evaluated call, as recorded for `npm run iam-report`. */
export interface Decision {
  /** The role ARN, or the service principal (`s3.amazonaws.com`) for a delivery. */
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly allowed: boolean;
  /** `policy#statement` of each statement that allowed the call (identity and resource policy). */
  readonly allowedBy: readonly string[];
  /** Why it was denied, as AWS would word the reason. */
  readonly reason?: string;
  /** What made the call: `handler`, `engine`, `delivery`, or the service calling KMS on the caller's behalf. */
  readonly via: string;
}

/** Where decisions go: the data directory's log, plus an extra file (a whole test run) when asked. */
export class DecisionLog {
  private readonly seen = new Set<string>();

  constructor(private readonly files: readonly string[]) {
    for (const file of files) mkdirSync(dirname(file), { recursive: true });
  }

  /** Records a decision once per distinct (principal, action, resource, outcome). */
  record(decision: Decision): void {
    const key = `${decision.principal}|${decision.action}|${decision.resource}|${decision.allowed}|${decision.via}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const line = `${JSON.stringify(decision)}\n`;
    for (const file of this.files) appendFileSync(file, line);
  }
}

/** Every decision of a log file (the data directory's, or a test run's). */
export function readDecisions(file: string): Decision[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Decision);
}
