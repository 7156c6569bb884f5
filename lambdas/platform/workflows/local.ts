import { join } from 'node:path';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { engineDepsAs } from '../../../local/iam/engine-calls.ts';
import type { CapabilityLocal } from '../../../local/runtime/capability-local.ts';
import { startStepFunctionsApi } from '../../../local/stepfunctions/api-server.ts';
import { ExecutionStore } from '../../../local/stepfunctions/executions.ts';
import { LocalStateMachine } from '../../../local/stepfunctions/local-machine.ts';
import { LocalStepFunctions } from '../../../local/stepfunctions/service.ts';
import { TaskTokenBroker } from '../../../local/stepfunctions/task-tokens.ts';
import { tokenKey } from '../../../local/stepfunctions/token-key.ts';
import {
  localPartition,
  partitionPlaceholder,
  readDefinition,
  substitute,
} from '../../../statemachines/definition.ts';

/**
 * The process state machines locally: the Step Functions API on loopback, each process's ASL run by
 * the local engine with its placeholders resolved to local ARNs, and executions a stop cut off resumed.
 */
export const workflowsLocal: CapabilityLocal = {
  emulate: async (p) => {
    const api = await startStepFunctionsApi(() => {
      if (!p.stepFunctions) throw new Error('Step Functions is still starting');
      return p.stepFunctions;
    });
    p.shutdown.add('the Step Functions API', api.close);
    p.endpoints.sfn = api.url;
  },
  connect: async (p) => {
    const { lambda, iam, names, catalog } = p;
    if (!lambda) throw new Error('workflows: the Lambda host is not running');
    const broker = new TaskTokenBroker(tokenKey(join(p.dataDir, 'executions', 'task-token.key')));
    const sqs = {
      send: async (queueUrl: string, body: string) =>
        (await p.clients.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body })))
          .MessageId ?? '',
    };
    const clock = { scale: p.options.clockScale ?? 1 };
    const deps = { lambda, broker, sqs };
    const machines = catalog.processes.map((process) => {
      const own = catalog.placeholdersOf(process);
      const placeholders = {
        [partitionPlaceholder]: localPartition,
        ...Object.fromEntries(
          Object.entries(own.functions).map(([name, fn]) => [name, names.functionArn(fn)]),
        ),
        ...Object.fromEntries(
          Object.entries(own.queues).map(([name, queue]) => [name, p.queues[queue]?.url ?? '']),
        ),
      };
      return new LocalStateMachine(
        names.stateMachineArn(process.id),
        names.stateMachineName(process.id),
        substitute(readDefinition(process), placeholders),
        iam
          ? engineDepsAs(deps, names.stateMachineRoleArn(process.id), iam.evaluator, iam.scope, (fn) => {
              const found = lambda.resolve(fn);
              return found ? names.functionArn(found.id) : undefined;
            })
          : deps,
        clock,
      );
    });
    const stepFunctions = new LocalStepFunctions(
      machines,
      new ExecutionStore(join(p.dataDir, 'executions')),
      broker,
      {
        deps,
        clock,
      },
    );
    p.stepFunctions = stepFunctions;
    p.shutdown.add('the Step Functions engine (running executions resume at the next start)', () =>
      stepFunctions.shutdown(),
    );
    const interrupted = stepFunctions.interrupted();
    for (const record of interrupted) {
      stepFunctions.markInterrupted(record);
      if (p.options.resumeInterrupted ?? true) stepFunctions.redriveExecution(record.executionArn);
    }
    p.handles.set('workflows', { interrupted: interrupted.map((r) => r.executionArn) });
  },
};
