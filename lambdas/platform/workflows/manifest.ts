import { CfnOutput, Duration } from 'aws-cdk-lib';
import * as cw from 'aws-cdk-lib/aws-cloudwatch';
import { pascal } from '../../../lib/constructs/names.ts';
import { documentsEnded, stepLatency } from '../../../lib/constructs/tower-metrics.ts';
import { capability } from '../capability/manifest.ts';
import { ProcessStateMachine } from './infra/process-state-machine.ts';
import { workflows as uses } from './uses.ts';

/** The process state machines: one Standard state machine per process, from its ASL. */
export const workflows = capability({
  name: 'workflows',
  summary: 'One Step Functions Standard state machine per process, started, described and answered',
  uses,
  infra: {
    wire: (p) => {
      const functions = Object.fromEntries(Object.entries(p.functions).map(([id, f]) => [id, f.function]));
      const queues = Object.fromEntries(Object.entries(p.queues).map(([id, q]) => [id, q.queue]));
      for (const process of p.catalog.processes) {
        const machine = new ProcessStateMachine(p.scope, `${pascal(process.id)}Process`, {
          process,
          catalog: p.catalog,
          stateMachineName: p.stateMachineName(process.id),
          functions,
          queues,
          encryptionKey: p.key,
          logRetention: p.logRetention,
          removalPolicy: p.removalPolicy,
        });
        p.stateMachines[process.id] = machine;
        new CfnOutput(p.scope, `${pascal(process.id)}StateMachineArn`, {
          value: machine.stateMachine.stateMachineArn,
        });
      }
    },
    observe: (p) => {
      const period = Duration.minutes(5);
      const machines = Object.entries(p.stateMachines);
      return {
        alarms: machines.map(([processId, m]) => ({
          id: `${processId}-executions-failed`,
          metric: m.stateMachine.metricFailed({ period, statistic: cw.Stats.SUM }),
          description: `Executions of the ${processId} process failed; the cause is in the document's status and audit trail`,
        })),
        processWidgets: (processId) => {
          const machine = p.stateMachines[processId]?.stateMachine;
          if (!machine) return [];
          return [
            new cw.GraphWidget({
              title: `Executions: ${processId}`,
              width: 6,
              left: [
                machine.metricStarted({ period, statistic: cw.Stats.SUM, label: 'Started' }),
                machine.metricSucceeded({ period, statistic: cw.Stats.SUM, label: 'Succeeded' }),
                machine.metricFailed({ period, statistic: cw.Stats.SUM, label: 'Failed' }),
              ],
            }),
            new cw.GraphWidget({
              title: `Documents: ${processId}`,
              width: 6,
              left: documentsEnded(processId),
            }),
            new cw.GraphWidget({
              title: `Step latency p95 (ms): ${processId}`,
              width: 6,
              left: [stepLatency(processId, 'p95')],
            }),
          ];
        },
      };
    },
  },
  local: () => import('./local.ts').then((m) => m.workflowsLocal),
});
