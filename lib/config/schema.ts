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

/** Retention values CloudWatch Logs accepts. */
export const logRetentionValues = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** A process's overrides: its human-step policy, its rules' parameters (each validated by its owner), its active-content policy. */
const processOverrideSchema = z.strictObject({
  approval: json(
    z.record(z.string(), z.unknown(), { error: expected('must be an object (JSON text with -c)') }),
  ).optional(),
  rules: json(
    z.record(z.string(), z.unknown(), { error: expected('must be an object (JSON text with -c)') }),
  ).optional(),
  activeContent: z
    .enum(['review', 'reject'], { error: expected('must be "review" (a person looks) or "reject"') })
    .optional(),
});

/** The context keys Tower reads; other context (CDK feature flags, lookups) is ignored. */
export const contextSchema = z.object({
  stage: z
    .enum(['dev', 'staging', 'prod'], { error: expected('must be "dev", "staging" or "prod"') })
    .default('dev'),
  senderAddress: email,
  alarmEmail: email.optional(),
  sesSandbox: json(z.boolean({ error: expected('must be true or false') })).default(true),
  sesRecipientIdentities: json(
    z.array(z.string().min(1), { error: expected('must be a list of email addresses or domains') }),
  ).optional(),
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
      getTps: positive('a positive number of calls per second').default(1),
      maxConcurrentJobs: integer(1, 10_000).default(100),
    }),
  ).prefault({}),
  processes: json(z.record(z.string(), processOverrideSchema)).prefault({}),
});

export type ParsedContext = z.output<typeof contextSchema>;

/** Tower's settings as a construct or `cdk.json` gives them, before validation (numbers may be JSON text). */
export type TowerSettings = z.input<typeof contextSchema>;
