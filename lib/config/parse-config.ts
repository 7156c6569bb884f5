import type { z } from 'zod';
import {
  type ApprovalPolicy,
  approvalPolicyProblems,
  defaultApprovalPolicy,
} from '../../lambdas/platform/human-step/policy.ts';
import type { ProcessSpec } from '../../lambdas/platform/registry/process-spec.ts';
import { processes as registeredProcesses } from '../../lambdas/processes/index.ts';
import { readDefinition } from '../../statemachines/definition.ts';
import { placeholderAddressProblems } from './placeholder-addresses.ts';
import { contextSchema, show } from './schema.ts';
import type { ProcessConfig, TowerConfig } from './types.ts';

/** Every problem of a context, one `tower config: <key> <problem>` line each. */
export class TowerConfigError extends Error {
  constructor(
    readonly problems: readonly string[],
    options?: ErrorOptions,
  ) {
    super(problems.join('\n'), options);
    this.name = 'TowerConfigError';
  }
}

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;

/** Messages for the issues a schema does not word itself: wrong types, unknown keys. */
function describe(issue: RawIssue): string | undefined {
  if (issue.input === undefined && issue.code === 'invalid_type') return 'is required';
  if (issue.code === 'invalid_type')
    return `must be ${issue.expected === 'object' ? 'an object (JSON text with -c)' : `a ${issue.expected}`}, got ${show(issue.input)}`;
  if (issue.code === 'unrecognized_keys')
    return `has unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => show(key)).join(', ')}`;
  return undefined;
}

function lines(issues: readonly Issue[], prefix: readonly PropertyKey[] = []): string[] {
  return issues.map((issue) => {
    const path = [...prefix, ...issue.path].map(String).join('.');
    return `tower config: ${path === '' ? 'context' : path} ${issue.message}`;
  });
}

/** `<field> <problem>` from a validator, as a config line under `prefix`; `(…)` problems name the object itself. */
function configLine(prefix: string, problem: string): string {
  return problem.startsWith('(')
    ? `tower config: ${prefix} ${problem.replace(/^\([^)]*\) /, '')}`
    : `tower config: ${prefix}.${problem}`;
}

/** The seconds a process's whole workflow may take (its ASL `TimeoutSeconds`), if it declares one. */
function workflowTimeout(process: ProcessSpec): number | undefined {
  const definition = JSON.parse(readDefinition(process)) as { TimeoutSeconds?: unknown };
  return typeof definition.TimeoutSeconds === 'number' ? definition.TimeoutSeconds : undefined;
}

function resolveProcess(
  process: ProcessSpec,
  override:
    | {
        readonly approval?: Readonly<Record<string, unknown>>;
        readonly rules?: Readonly<Record<string, unknown>>;
        readonly activeContent?: 'review' | 'reject';
      }
    | undefined,
  problems: string[],
): ProcessConfig {
  const prefix = `processes.${process.id}`;
  const merged = { ...defaultApprovalPolicy, ...override?.approval };
  // One validator, shared with the functions that read the policy at run time.
  const policyProblems = approvalPolicyProblems(merged, { echo: true });
  problems.push(...policyProblems.map((p) => configLine(`${prefix}.approval`, p)));
  const policy = policyProblems.length === 0 ? (merged as ApprovalPolicy) : defaultApprovalPolicy;
  const limit = workflowTimeout(process);
  // The human step's waits must end before the execution itself times out, or nobody is told.
  if (
    policyProblems.length === 0 &&
    limit !== undefined &&
    policy.timeoutSeconds + policy.escalationTimeoutSeconds >= limit
  )
    problems.push(
      `tower config: ${prefix}.approval.timeoutSeconds plus escalationTimeoutSeconds must stay below the workflow's TimeoutSeconds (${limit}), got ${policy.timeoutSeconds + policy.escalationTimeoutSeconds}`,
    );
  const activeContent = override?.activeContent ?? 'review';
  const parameters = process.ruleParameters;
  if (!parameters) {
    if (override?.rules !== undefined)
      problems.push(`tower config: ${prefix}.rules: ${process.id} has no rule parameters`);
    return { approval: policy, rules: {}, activeContent };
  }
  const rules = { ...parameters.defaults, ...override?.rules };
  problems.push(...parameters.validate(rules, policy).map((p) => configLine(`${prefix}.rules`, p)));
  return { approval: policy, rules, activeContent };
}

/**
 * Parses and validates CDK context into a `TowerConfig` for the given processes; throws a
 * `TowerConfigError` listing every problem. Pure: no CDK import, so the local runtime reads the same settings.
 *
 * @example parseConfig({ stage: 'dev', senderAddress: 'tower@example.com', intakeMaxConcurrency: '20' })
 */
export function parseConfig(
  context: Readonly<Record<string, unknown>>,
  processes: readonly ProcessSpec[] = registeredProcesses,
): TowerConfig {
  const parsed = contextSchema.safeParse(context, { error: describe });
  if (!parsed.success) throw new TowerConfigError(lines(parsed.error.issues));
  const raw = parsed.data;
  const problems: string[] = [];
  for (const id of Object.keys(raw.processes))
    if (!processes.some((p) => p.id === id))
      problems.push(
        `tower config: processes.${id} is not a process; known processes: ${processes.map((p) => p.id).join(', ')}`,
      );
  const resolved = Object.fromEntries(
    processes.map((p) => [p.id, resolveProcess(p, raw.processes[p.id], problems)]),
  );
  problems.push(...placeholderAddressProblems(raw.stage, raw.senderAddress, resolved));
  if (problems.length > 0) throw new TowerConfigError(problems);
  return {
    stage: raw.stage,
    senderAddress: raw.senderAddress,
    sesSandbox: raw.sesSandbox,
    // In the sandbox SES authorises every recipient too: by default the approvers, who must be verified.
    sesRecipientIdentities:
      raw.sesRecipientIdentities ??
      [
        ...new Set(
          Object.values(resolved).flatMap((p) => [
            ...p.approval.approvers,
            ...p.approval.escalationApprovers,
          ]),
        ),
      ].sort(),
    ...(raw.alarmEmail === undefined ? {} : { alarmEmail: raw.alarmEmail }),
    intakeMaxConcurrency: raw.intakeMaxConcurrency,
    approvalApiRateLimit: raw.approvalApiRateLimit,
    approvalApiBurstLimit: raw.approvalApiBurstLimit,
    logRetentionDays: raw.logRetentionDays ?? (raw.stage === 'prod' ? 365 : 30),
    textract: raw.textract,
    processes: resolved,
  };
}
