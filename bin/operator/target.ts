import type { SFNClient } from '@aws-sdk/client-sfn';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { QueueId } from '../../lambdas/platform/registry/queues.ts';
import { localClients } from '../../local/runtime/clients.ts';
import { isAlive } from '../../local/runtime/process-alive.ts';
import type { LocalRuntime } from '../../local/runtime/runtime.ts';
import { type RuntimeFile, readRuntimeFile } from '../common/runtime-file.ts';
import { RefusedError } from './errors.ts';

export interface QueuePair {
  readonly url: string;
  readonly dlqUrl: string;
}

/**
 * Where the operator CLI acts: SDK clients and resource names, for a local runtime or a deployed
 * stack alike, so every command is written once.
 */
export interface Target {
  /** Shown to the operator: `local .tower` or `stack tower-prod (eu-west-1)`. */
  readonly label: string;
  readonly db: DynamoDBDocumentClient;
  readonly sfn: SFNClient;
  readonly sqs: SQSClient;
  readonly tables: { readonly documents: string; readonly audit: string };
  readonly queues: Readonly<Record<QueueId, QueuePair>>;
  /** Process id → its state machine's ARN. */
  readonly stateMachines: Readonly<Record<string, string>>;
  /** Releases the clients the target opened (not those it borrowed). */
  close(): void;
}

/** A target on a runtime started in this process (tests, tools), borrowing its clients. */
export function targetFromRuntime(
  runtime: Pick<LocalRuntime, 'catalog' | 'clients' | 'names' | 'queues' | 'dataDir'>,
): Target {
  const { clients, names } = runtime;
  return {
    label: `local ${runtime.dataDir}`,
    db: clients.documents,
    sfn: clients.sfn,
    sqs: clients.sqs,
    tables: { documents: names.table('documents'), audit: names.table('audit') },
    queues: runtime.queues as Record<QueueId, QueuePair>,
    stateMachines: Object.fromEntries(
      runtime.catalog.processes.map((p) => [p.id, names.stateMachineArn(p.id)]),
    ),
    close: () => undefined,
  };
}

/** A target on a runtime described by its `runtime.json` (an `npm start` in another process). */
export function targetFromRuntimeFile(file: RuntimeFile, label = 'local'): Target {
  const clients = localClients(file.endpoints, file.region);
  return {
    label,
    db: clients.documents,
    sfn: clients.sfn,
    sqs: clients.sqs,
    tables: { documents: file.tables.documents, audit: file.tables.audit },
    queues: file.queues,
    stateMachines: file.stateMachines,
    close: () => {
      for (const client of Object.values(clients)) client.destroy();
    },
  };
}

/** The target of the `npm start` whose data lives in `dataDir`; refused when none is running there. */
export function openLocalTarget(dataDir: string): Target {
  const file = readRuntimeFile(dataDir);
  if (!file)
    throw new RefusedError(`no local runtime: ${dataDir}/runtime.json is missing (is npm start running?)`);
  if (!isAlive(file.pid))
    throw new RefusedError(
      `${dataDir}/runtime.json is stale: process ${file.pid} is not running (start it with npm start)`,
    );
  return targetFromRuntimeFile(file, `local ${dataDir}`);
}
