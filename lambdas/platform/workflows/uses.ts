import { processesOf } from '../capability/deployed.ts';
import type { Use } from '../capability/use.ts';
import { envVars } from '../registry/names.ts';
import { executionArnOf } from '../shared/execution-arn.ts';

/** A task result, one IAM action each, for the process state machines' `.waitForTaskToken` tasks. */
export type TaskResult = 'success' | 'failure' | 'heartbeat';

export const taskResultActions: Readonly<Record<TaskResult, string>> = {
  success: 'states:SendTaskSuccess',
  failure: 'states:SendTaskFailure',
  heartbeat: 'states:SendTaskHeartbeat',
};

/**
 * Starts executions of the process state machines (env STATE_MACHINES, WORKFLOW_VERSIONS,
 * INTAKE_PREFIXES): every process's for a platform function, its own for a process's.
 */
const start = (): Use => ({
  capability: 'workflows',
  kind: 'start',
  summary: 'starts executions',
  grants: (deployed, fn) => ({
    statements: [
      {
        actions: ['states:StartExecution'],
        resources: processesOf(deployed, fn).map((p) => deployed.stateMachineArn(p.id)),
      },
    ],
  }),
  environment: (deployed) => {
    const { processes } = deployed.catalog;
    return {
      [envVars.stateMachines]: deployed.json(
        Object.fromEntries(processes.map((p) => [p.id, deployed.stateMachineArn(p.id)])),
      ),
      [envVars.workflowVersions]: JSON.stringify(
        Object.fromEntries(processes.map((p) => [p.id, deployed.workflowVersion(p.id)])),
      ),
      [envVars.intakePrefixes]: JSON.stringify(
        Object.fromEntries(processes.map((p) => [p.id, p.intakePrefix])),
      ),
    };
  },
});

/** Reads the status of the process state machines' executions (DescribeExecution). */
const describe = (): Use => ({
  capability: 'workflows',
  kind: 'describe',
  summary: 'describes executions',
  grants: (deployed, fn) => ({
    statements: [
      {
        // Executions of the process state machines: arn:…:execution:<state machine name>:<execution name>.
        actions: ['states:DescribeExecution'],
        resources: processesOf(deployed, fn).map((p) => executionArnOf(deployed.stateMachineArn(p.id), '*')),
        wildcardReason:
          'Executions of one process state machine; their names are derived from document ids only known at run time',
      },
    ],
  }),
});

/**
 * Sends task results to `.waitForTaskToken` tasks. SendTask* support no resource-level permissions
 * (Service Authorization Reference, "Actions, resources, and condition keys for AWS Step Functions"):
 * a statement on state machine ARNs never matches.
 */
const sendTaskResults = (results: readonly TaskResult[]): Use => ({
  capability: 'workflows',
  kind: 'sendTaskResults',
  detail: results,
  summary: `sends task ${results.join(', ')}`,
  grants: () => ({
    statements: [{ actions: results.map((r) => taskResultActions[r]), resources: ['*'] }],
    starReason: 'states:SendTask* support no resource-level permissions, authorised by the task token',
  }),
});

/** The process state machines: starting, describing, and answering their waiting tasks. */
export const workflows = { start, describe, sendTaskResults };
