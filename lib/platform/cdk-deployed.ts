import { ArnFormat, Lazy, type Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Deployed } from '../../lambdas/platform/capability/deployed.ts';
import type { WorkQueue } from '../../lambdas/platform/queues/infra/work-queue.ts';
import type { Catalog } from '../../lambdas/platform/registry/catalog.ts';
import { workflowVersion } from '../../statemachines/definition.ts';
import type { TowerConfig } from '../config/types.ts';

export interface CdkDeployedParts {
  readonly stack: Stack;
  /** Each process's state machine name (`stateMachineNaming`). */
  readonly stateMachineName: (processId: string) => string;
  readonly config: TowerConfig;
  readonly catalog: Catalog;
  readonly tables: Readonly<Record<string, dynamodb.ITable>>;
  readonly bucket: s3.IBucket;
  readonly key: kms.IKey;
  readonly queues: Readonly<Record<string, WorkQueue>>;
  /** Values capabilities provide, by `<capability>/<name>`; read lazily, so order of creation does not matter. */
  readonly outputs: ReadonlyMap<string, string>;
}

/** The deployment as uses name it, in CloudFormation tokens. */
export function cdkDeployed(parts: CdkDeployedParts): Deployed {
  const { stack, catalog } = parts;
  const found = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`TowerPlatform: no ${what}`);
    return value;
  };
  return {
    config: parts.config,
    catalog,
    table: (id) => {
      const table = found(parts.tables[id], `table ${id}`);
      return { name: table.tableName, arn: table.tableArn };
    },
    bucket: {
      name: parts.bucket.bucketName,
      arn: parts.bucket.bucketArn,
      objects: (prefix) => parts.bucket.arnForObjects(`${prefix}*`),
    },
    keyArn: parts.key.keyArn,
    queue: (id) => {
      const queue = found(parts.queues[id], `queue ${id}`).queue;
      return { url: queue.queueUrl, arn: queue.queueArn };
    },
    stateMachineArn: (processId) =>
      stack.formatArn({
        service: 'states',
        resource: 'stateMachine',
        resourceName: parts.stateMachineName(processId),
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
    workflowVersion: (processId) =>
      workflowVersion(
        found(
          catalog.processes.find((p) => p.id === processId),
          `process ${processId}`,
        ),
      ),
    output: (capability, name) =>
      Lazy.string({
        produce: () => found(parts.outputs.get(`${capability}/${name}`), `${capability} output ${name}`),
      }),
    arn: (service, resource, name) => stack.formatArn({ service, resource, resourceName: name }),
    json: (value) => stack.toJsonString(value),
  };
}
