import type { IdentityMethod } from '../identity/signed-in.ts';
import { groupProblems, type TaskGroups } from '../inbox/groups.ts';
import { envVars } from '../registry/names.ts';
import { PermanentError } from '../shared/errors.ts';

/**
 * A human-step policy: who is asked, how many must agree, how fast, with which safeguards. One per
 * process (its id is the process id), set in CDK context `processes.<id>.approval` and validated here,
 * once, by the same code at synth and in the functions (APPROVAL_POLICIES, a map keyed by policy id).
 * Whether a person must decide, and about what, is the process's business (its rules).
 */
export interface ApprovalPolicy {
  /** Email addresses of the people asked. */
  readonly approvers: readonly string[];
  /** Who takes over once when the deadline passes; empty means no escalation. */
  readonly escalationApprovers: readonly string[];
  /** Approvals needed (1 = any one of the approvers); a requirement may ask for more. */
  readonly quorum: number;
  /** One rejection ends the step as rejected, whatever the quorum. */
  readonly veto: boolean;
  /** The submitter of a document may not approve it. */
  readonly separationOfDuties: boolean;
  /** Step-up one-time code: never, always, or when the requirement's amount is above `stepUpAbove`. */
  readonly stepUp: 'never' | 'always' | 'above-amount';
  /** Decimal string. */
  readonly stepUpAbove: string | null;
  /** The SLA, from request to deadline. */
  readonly timeoutSeconds: number;
  /** How long before the deadline the reminder goes out. */
  readonly reminderBeforeSeconds: number;
  /** How long the escalation approvers have. */
  readonly escalationTimeoutSeconds: number;
  /** Minimum seconds between rendering the page and a decision, so scanners that click cannot decide. */
  readonly minDwellSeconds: number;
  /** Candidate groups, besides the named approvers: their members claim a task from the inbox. @default none */
  readonly groups: TaskGroups;
  /** How long an inbox claim holds before the task returns to its group. @default 1800 */
  readonly claimSeconds: number;
  /** How a person proves who they are before deciding; `link` (the link alone) is an explicit, warned opt-in. */
  readonly identity: IdentityMethod;
}

export const defaultApprovalPolicy: ApprovalPolicy = {
  approvers: ['approver@example.com'],
  escalationApprovers: [],
  quorum: 1,
  veto: true,
  separationOfDuties: true,
  stepUp: 'never',
  stepUpAbove: null,
  timeoutSeconds: 3 * 24 * 3600,
  reminderBeforeSeconds: 24 * 3600,
  escalationTimeoutSeconds: 24 * 3600,
  minDwellSeconds: 3,
  groups: {},
  claimSeconds: 1800,
  identity: 'passkey',
};

/** The identity methods a policy may name; `oidc` is validated here and refused at synth until it exists. */
export const identityMethods: readonly IdentityMethod[] = ['passkey', 'oidc', 'code', 'link'];

export const approvalPolicyFields = Object.keys(defaultApprovalPolicy) as (keyof ApprovalPolicy)[];

/** How problems name values: CDK context shows them; functions never echo them (they hold emails). */
export interface ProblemOptions {
  readonly echo: boolean;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const decimalPattern = /^\d+(\.\d+)?$/;
const maxSeconds = 31_536_000;

function shown(value: unknown, options: ProblemOptions): string {
  if (!options.echo) return '';
  const text = value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value));
  return `, got ${text.length > 60 ? `${text.slice(0, 57)}...` : text}`;
}

const isWhole = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/**
 * Every problem of a complete policy, each `<field> <problem>`; empty when it is valid.
 *
 * @example approvalPolicyProblems({ ...defaultApprovalPolicy, quorum: 2 }, { echo: true })
 * // ['quorum must be between 1 and the number of approvers (1), got 2']
 */
export function approvalPolicyProblems(raw: unknown, options: ProblemOptions = { echo: false }): string[] {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return [`(policy) must be an object${shown(raw, options)}`];
  const p = raw as Record<string, unknown>;
  const problems: string[] = [];
  // With a value, the problem shows it (when echoing): `…, got 0`; a missing value shows as `nothing`.
  const add = (field: string, message: string, ...value: [unknown?]) =>
    problems.push(`${field} ${message}${value.length > 0 ? shown(value[0], options) : ''}`);
  const unknown = Object.keys(p).filter((k) => !(approvalPolicyFields as string[]).includes(k));
  if (unknown.length > 0)
    problems.push(
      `(policy) has unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => JSON.stringify(k)).join(', ')}`,
    );

  const emails = (field: 'approvers' | 'escalationApprovers', min: number) => {
    const list = p[field];
    if (!Array.isArray(list)) return add(field, 'must be a list of email addresses', list);
    if (list.length < min) return add(field, 'must list at least one approver');
    list.forEach((address, i) => {
      if (typeof address !== 'string' || !emailPattern.test(address))
        add(`${field}.${i}`, 'must be an email address', address);
    });
    const seen = new Set<string>();
    for (const address of list) {
      const folded = String(address).trim().toLowerCase();
      if (seen.has(folded))
        return add(field, `must not list ${options.echo ? JSON.stringify(address) : 'an address'} twice`);
      seen.add(folded);
    }
  };
  emails('approvers', 1);
  emails('escalationApprovers', 0);
  const approvers = Array.isArray(p.approvers) ? p.approvers.length : 0;
  if (!isWhole(p.quorum, 1, 1000)) add('quorum', 'must be a whole number of approvals from 1', p.quorum);
  else if (approvers > 0 && p.quorum > approvers)
    add('quorum', `must be between 1 and the number of approvers (${approvers})`, p.quorum);
  for (const field of ['veto', 'separationOfDuties'] as const)
    if (typeof p[field] !== 'boolean') add(field, 'must be true or false', p[field]);
  if (!['never', 'always', 'above-amount'].includes(p.stepUp as string))
    add('stepUp', 'must be "never", "always" or "above-amount"', p.stepUp);
  if (p.stepUpAbove !== null && (typeof p.stepUpAbove !== 'string' || !decimalPattern.test(p.stepUpAbove)))
    add('stepUpAbove', 'must be a decimal string such as "10000.00", or null', p.stepUpAbove);
  if (p.stepUp === 'above-amount' && p.stepUpAbove === null)
    add('stepUpAbove', 'must be set when stepUp is "above-amount"');
  for (const field of ['timeoutSeconds', 'reminderBeforeSeconds', 'escalationTimeoutSeconds'] as const)
    if (!isWhole(p[field], 1, maxSeconds)) add(field, 'must be a positive whole number of seconds', p[field]);
  if (isWhole(p.timeoutSeconds, 1, maxSeconds) && isWhole(p.reminderBeforeSeconds, 1, maxSeconds))
    if (p.timeoutSeconds <= p.reminderBeforeSeconds)
      add(
        'timeoutSeconds',
        `must be greater than reminderBeforeSeconds (${p.reminderBeforeSeconds})`,
        p.timeoutSeconds,
      );
  if (!isWhole(p.minDwellSeconds, 0, 3600))
    add('minDwellSeconds', 'must be a whole number of seconds from 0 to 3600', p.minDwellSeconds);
  problems.push(...groupProblems(p.groups, (value) => shown(value, options)));
  if (!isWhole(p.claimSeconds, 60, 7 * 24 * 3600))
    add('claimSeconds', 'must be a whole number of seconds from 60 to 604800', p.claimSeconds);
  if (!identityMethods.includes(p.identity as IdentityMethod))
    add('identity', 'must be "passkey", "oidc", "code" or "link"', p.identity);
  return problems;
}

/** A policy from the environment, validated; a PermanentError names every bad field, never a value. */
export function parseApprovalPolicy(raw: unknown, name = 'policy'): ApprovalPolicy {
  const problems = approvalPolicyProblems(raw);
  if (problems.length > 0)
    throw new PermanentError(
      `${envVars.approvalPolicies} is invalid: ${problems.map((p) => `${name}.${p}`).join('; ')}`,
    );
  return raw as ApprovalPolicy;
}

/** Every policy of the APPROVAL_POLICIES map, validated. */
export function parseApprovalPolicies(raw: unknown): Readonly<Record<string, ApprovalPolicy>> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new PermanentError(`${envVars.approvalPolicies} must be a JSON object of policy id to policy`);
  return Object.fromEntries(Object.entries(raw).map(([id, policy]) => [id, parseApprovalPolicy(policy, id)]));
}

/** The waits of a human step, in whole seconds ≥ 1 (they feed the ASL's TimeoutSecondsPath). */
export interface ApprovalTimings {
  /** The first wait, until the reminder. */
  readonly reminderAfterSeconds: number;
  /** From the reminder to the deadline. */
  readonly remainingAfterReminderSeconds: number;
  readonly escalate: boolean;
  readonly escalationSeconds: number;
}

export function approvalTimings(policy: ApprovalPolicy): ApprovalTimings {
  return {
    reminderAfterSeconds: Math.max(1, policy.timeoutSeconds - policy.reminderBeforeSeconds),
    remainingAfterReminderSeconds: Math.max(1, Math.min(policy.reminderBeforeSeconds, policy.timeoutSeconds)),
    escalate: policy.escalationApprovers.length > 0,
    escalationSeconds: Math.max(1, policy.escalationTimeoutSeconds),
  };
}
