import { z } from 'zod';

/**
 * The zod schemas of Tower's CDK context. Values given with `-c key=value` arrive as strings, so numbers
 * and objects are also accepted as JSON text. Messages name what is expected and show what was given;
 * `parse-config.ts` prefixes each with its key.
 */

/** A value as shown in a message: JSON, cut short. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

const expected =
  (what: string) =>
  (issue: { readonly input?: unknown }): string =>
    issue.input === undefined ? `is required and ${what}` : `${what}, got ${show(issue.input)}`;

/** Parses JSON text given on the command line; anything else (or text that is not JSON) passes through. */
function fromJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

const json = <T extends z.ZodType>(schema: T) => z.preprocess(fromJson, schema);

const email = z.email({ error: expected('must be an email address') });

const integer = (min: number, max: number, what = `an integer from ${min} to ${max}`) =>
  z
    .number({ error: expected(`must be ${what}`) })
    .int({ error: expected(`must be ${what}`) })
    .min(min, { error: expected(`must be ${what}`) })
    .max(max, { error: expected(`must be ${what}`) });

const positive = (what: string) =>
  z.number({ error: expected(`must be ${what}`) }).positive({ error: expected(`must be ${what}`) });

const decimal = z
  .string({ error: expected('must be a decimal string such as "10000.00"') })
  .regex(/^\d+(\.\d+)?$/, { error: expected('must be a decimal string such as "10000.00"') });

/** Retention values CloudWatch Logs accepts. */
export const logRetentionValues = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const approvalFields = {
  approvers: z.array(email, { error: expected('must be a list of email addresses') }).min(1, {
    error: 'must list at least one approver',
  }),
  escalationApprovers: z.array(email, { error: expected('must be a list of email addresses') }),
  quorum: integer(1, 1000, 'a whole number of approvals from 1'),
  veto: z.boolean({ error: expected('must be true or false') }),
  separationOfDuties: z.boolean({ error: expected('must be true or false') }),
  amountThreshold: decimal,
  secondApproverAbove: decimal.nullable(),
  riskBandRequiringApproval: z.enum(['medium', 'high'], { error: expected('must be "medium" or "high"') }),
  stepUp: z.enum(['never', 'always', 'above-amount'], {
    error: expected('must be "never", "always" or "above-amount"'),
  }),
  stepUpAbove: decimal.nullable(),
  timeoutSeconds: integer(1, 31_536_000, 'a positive whole number of seconds'),
  reminderBeforeSeconds: integer(1, 31_536_000, 'a positive whole number of seconds'),
  escalationTimeoutSeconds: integer(1, 31_536_000, 'a positive whole number of seconds'),
  minDwellSeconds: integer(0, 3600, 'a whole number of seconds from 0 to 3600'),
};

/** What a process's `approval` context may override; every field is optional, unknown fields are errors. */
export const approvalOverrideSchema = z.strictObject(approvalFields).partial();

function duplicate(addresses: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const address of addresses) {
    const key = address.toLowerCase();
    if (seen.has(key)) return address;
    seen.add(key);
  }
  return undefined;
}

/** A complete approval policy (defaults merged with overrides), with the rules that span fields. */
export const approvalPolicySchema = z.strictObject(approvalFields).superRefine((policy, ctx) => {
  const approvers = policy.approvers.length;
  if (policy.quorum > approvers)
    ctx.addIssue({
      code: 'custom',
      path: ['quorum'],
      message: `must be between 1 and the number of approvers (${approvers}), got ${policy.quorum}`,
    });
  if (policy.secondApproverAbove !== null && policy.quorum + 1 > approvers)
    ctx.addIssue({
      code: 'custom',
      path: ['secondApproverAbove'],
      message: `needs quorum + 1 (${policy.quorum + 1}) approvers, but only ${approvers} are listed`,
    });
  if (policy.stepUp === 'above-amount' && policy.stepUpAbove === null)
    ctx.addIssue({
      code: 'custom',
      path: ['stepUpAbove'],
      message: 'must be set when stepUp is "above-amount"',
    });
  if (policy.timeoutSeconds <= policy.reminderBeforeSeconds)
    ctx.addIssue({
      code: 'custom',
      path: ['timeoutSeconds'],
      message: `must be greater than reminderBeforeSeconds (${policy.reminderBeforeSeconds}), got ${policy.timeoutSeconds}`,
    });
  for (const key of ['approvers', 'escalationApprovers'] as const) {
    const repeated = duplicate(policy[key]);
    if (repeated !== undefined)
      ctx.addIssue({ code: 'custom', path: [key], message: `must not list ${show(repeated)} twice` });
  }
});

const processOverrideSchema = z.strictObject({ approval: json(approvalOverrideSchema).optional() });

/** The context keys Tower reads; other context (CDK feature flags, lookups) is ignored. */
export const contextSchema = z.object({
  stage: z
    .enum(['dev', 'staging', 'prod'], { error: expected('must be "dev", "staging" or "prod"') })
    .default('dev'),
  senderAddress: email,
  alarmEmail: email.optional(),
  intakeMaxConcurrency: json(integer(2, 1000)).default(5),
  approvalApiRateLimit: json(positive('a positive number of requests per second')).default(10),
  approvalApiBurstLimit: json(integer(1, 5000)).default(20),
  logRetentionDays: json(
    z
      .number({ error: expected(`must be one of ${logRetentionValues.join(', ')}`) })
      .refine((days) => (logRetentionValues as readonly number[]).includes(days), {
        error: expected(`must be one of ${logRetentionValues.join(', ')}`),
      }),
  ).optional(),
  textract: json(
    z.strictObject({
      syncTps: positive('a positive number of calls per second').default(1),
      startTps: positive('a positive number of calls per second').default(1),
      maxConcurrentJobs: integer(1, 10_000).default(100),
    }),
  ).prefault({}),
  processes: json(z.record(z.string(), processOverrideSchema)).prefault({}),
});

export type ParsedContext = z.output<typeof contextSchema>;
