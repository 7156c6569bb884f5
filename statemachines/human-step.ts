/**
 * The human step as one reusable ASL fragment. A process's workflow source (`<process>.workflow.json`)
 * writes one state of type `Tower.HumanStep`; `expandHumanSteps` replaces it with the states that
 * prepare the task, wait for a decision, remind, escalate once, expire, and name the step when it fails.
 * The generated `<process>.asl.json` is checked in and verified by a test, so what deploys is what is read.
 *
 * @example
 * "RequestApproval": { "Type": "Tower.HumanStep", "Comment": "…", "Step": "approval",
 *   "RequestPath": "$.rules.approval.request", "Next": "Finalize", "FailureNext": "RecordFailure" }
 */

import { integrationArn } from './definition.ts';

export const humanStepType = 'Tower.HumanStep';

export interface HumanStepSource {
  readonly Type: typeof humanStepType;
  readonly Comment?: string;
  /** The step's name in audit events and in the state (`$.humanTasks.<Step>`). */
  readonly Step: string;
  /** Where the process's request (title, facts, reasons, choices, requirement) is in the state. */
  readonly RequestPath: string;
  /** A path to the item decided on, when one execution asks per item. @default none */
  readonly ItemKeyPath?: string;
  /** Where the workflow goes once decided (approved, rejected or expired). */
  readonly Next: string;
  /** Where a failure goes, after the step is named in `$.failedStep`. */
  readonly FailureNext: string;
}

type State = Record<string, unknown>;
export interface Definition {
  readonly States: Readonly<Record<string, State>>;
  readonly [key: string]: unknown;
}

/** The platform's function for every phase of the human step (a placeholder every process may use). */
// biome-ignore lint/suspicious/noTemplateCurlyInString: an ASL placeholder, filled by CDK and the local runtime
const functionArn = '${RequestApprovalFunctionArn}';

function check(name: string, source: Readonly<Record<string, unknown>>): HumanStepSource {
  const allowed = ['Type', 'Comment', 'Step', 'RequestPath', 'ItemKeyPath', 'Next', 'FailureNext'];
  const unknown = Object.keys(source).filter((k) => !allowed.includes(k));
  const problems = unknown.map((k) => `unknown field ${k}`);
  if (typeof source.Step !== 'string' || !/^[a-z][a-zA-Z0-9-]{0,39}$/.test(source.Step))
    problems.push('Step must be a short name (letters, digits, dashes)');
  for (const field of ['RequestPath', 'Next', 'FailureNext'])
    if (typeof source[field] !== 'string' || source[field] === '') problems.push(`${field} is required`);
  if (typeof source.RequestPath === 'string' && !source.RequestPath.startsWith('$.'))
    problems.push('RequestPath must be a JSONPath from the state ($.…)');
  if (problems.length > 0) throw new Error(`${humanStepType} ${name}: ${problems.join('; ')}`);
  const text = (field: string) => String(source[field]);
  return {
    Type: humanStepType,
    ...(source.Comment === undefined ? {} : { Comment: text('Comment') }),
    Step: text('Step'),
    RequestPath: text('RequestPath'),
    ...(source.ItemKeyPath === undefined ? {} : { ItemKeyPath: text('ItemKeyPath') }),
    Next: text('Next'),
    FailureNext: text('FailureNext'),
  };
}

/** The states one human step becomes, named after it: `<Name>`, `<Name>Wait`, `<Name>Remind`, … */
export function humanStepStates(name: string, source: HumanStepSource): Record<string, State> {
  const task = `$.humanTasks.${source.Step}`;
  const failed = `${name}Failed`;
  const toFailure = { ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: failed };
  const rejected = { ErrorEquals: ['Approval.Rejected'], ResultPath: `${task}.outcome`, Next: source.Next };
  const wait = (phase: string, comment: string, timeoutPath: string, onTimeout: string): State => ({
    Type: 'Task',
    Comment: comment,
    Resource: integrationArn('lambda:invoke.waitForTaskToken'),
    Parameters: {
      FunctionName: functionArn,
      Payload: {
        phase,
        'taskToken.$': '$$.Task.Token',
        'taskId.$': `${task}.taskId`,
        'executionArn.$': '$$.Execution.Id',
        'process.$': '$.document.process',
      },
    },
    TimeoutSecondsPath: `${task}.timings.${timeoutPath}`,
    ResultPath: `${task}.outcome`,
    Catch: [
      rejected,
      { ErrorEquals: ['States.Timeout'], ResultPath: `${task}.timedOut`, Next: onTimeout },
      toFailure,
    ],
    Next: source.Next,
  });
  return {
    [name]: {
      Type: 'Task',
      Comment: `${source.Comment ?? 'Asks a person to decide'} (human step "${source.Step}": creates the task from the process's request and the policy, once)`,
      Resource: functionArn,
      Parameters: {
        phase: 'prepare',
        step: source.Step,
        ...(source.ItemKeyPath ? { 'itemKey.$': source.ItemKeyPath } : {}),
        'document.$': '$.document',
        'workflowVersion.$': '$.workflowVersion',
        'executionArn.$': '$$.Execution.Id',
        'request.$': source.RequestPath,
      },
      ResultPath: task,
      TimeoutSeconds: 70,
      Catch: [toFailure],
      Next: `${name}Wait`,
    },
    [`${name}Wait`]: wait(
      'request',
      'Stores the task token server-side, emails each person a link, and waits for the decision until the reminder is due',
      'reminderAfterSeconds',
      `${name}Remind`,
    ),
    [`${name}Remind`]: wait(
      'remind',
      'Emails a reminder to those who have not decided and keeps waiting until the deadline',
      'remainingAfterReminderSeconds',
      `${name}EscalateOrExpire`,
    ),
    [`${name}EscalateOrExpire`]: {
      Type: 'Choice',
      Comment:
        'After the deadline, escalates once when the policy names escalation approvers; otherwise expires',
      Choices: [{ Variable: `${task}.timings.escalate`, BooleanEquals: true, Next: `${name}Escalate` }],
      Default: `${name}Expire`,
    },
    [`${name}Escalate`]: wait(
      'escalate',
      'Hands the task to the escalation approvers and waits for their decision until the escalation deadline',
      'escalationSeconds',
      `${name}Expire`,
    ),
    [`${name}Expire`]: {
      Type: 'Task',
      Comment: 'Revokes the links, records the expiry and returns an automatic rejection',
      Resource: functionArn,
      Parameters: {
        phase: 'expire',
        'taskId.$': `${task}.taskId`,
        'executionArn.$': '$$.Execution.Id',
        'process.$': '$.document.process',
      },
      ResultPath: `${task}.outcome`,
      TimeoutSeconds: 70,
      Catch: [toFailure],
      Next: source.Next,
    },
    [failed]: {
      Type: 'Pass',
      Comment: `Names the failed step for RecordFailure: ${source.Step}`,
      Result: source.Step,
      ResultPath: '$.failedStep',
      Next: source.FailureNext,
    },
  };
}

/** A workflow source with every `Tower.HumanStep` state expanded; other states are kept as written. */
export function expandHumanSteps(source: Definition): Definition {
  const states: Record<string, State> = {};
  for (const [name, state] of Object.entries(source.States)) {
    if (state.Type !== humanStepType) {
      states[name] = state;
      continue;
    }
    for (const [generated, value] of Object.entries(humanStepStates(name, check(name, state)))) {
      if (generated in source.States && generated !== name)
        throw new Error(`${humanStepType} ${name}: the generated state ${generated} is already defined`);
      states[generated] = value;
    }
  }
  return { ...source, States: states };
}

/** Each human step of a workflow source, by its state's name, with the states it expands into (for drawing it as one). */
export function humanStepFragments(source: Definition): Record<string, string[]> {
  const fragments: Record<string, string[]> = {};
  for (const [name, state] of Object.entries(source.States))
    if (state.Type === humanStepType)
      fragments[name] = Object.keys(humanStepStates(name, check(name, state)));
  return fragments;
}
