import type { Deployed } from '../../lambdas/platform/capability/deployed.ts';
import type { Catalog } from '../../lambdas/platform/registry/catalog.ts';
import type { TowerConfig } from '../../lib/config/index.ts';
import { workflowVersion } from '../../statemachines/definition.ts';
import { type LocalNames, localAccount, localKeyArn } from './resources.ts';

export interface LocalDeployedParts {
  readonly region: string;
  readonly names: LocalNames;
  readonly config: TowerConfig;
  readonly catalog: Catalog;
  /** Each queue's URL and ARN, as the local SQS gave them. */
  queue(id: string): { readonly url: string; readonly arn: string };
  /** Values capabilities' local sides provide, by `<capability>/<name>` (a topic ARN, the approval API's URL). */
  readonly outputs: ReadonlyMap<string, string>;
}

/** The deployment as uses name it, in the local runtime's names: the same environment CDK computes, resolved here. */
export function localDeployed(parts: LocalDeployedParts): Deployed {
  const { names, region, catalog } = parts;
  const arn = (service: string, resource: string, name: string) =>
    `arn:aws:${service}:${region}:${localAccount}:${resource}/${name}`;
  return {
    config: parts.config,
    catalog,
    table: (id) => ({ name: names.table(id), arn: arn('dynamodb', 'table', names.table(id)) }),
    bucket: {
      name: names.bucket,
      arn: `arn:aws:s3:::${names.bucket}`,
      objects: (prefix) => `arn:aws:s3:::${names.bucket}/${prefix}*`,
    },
    keyArn: localKeyArn(region),
    queue: (id) => parts.queue(id),
    stateMachineArn: (processId) => names.stateMachineArn(processId),
    workflowVersion: (processId) => {
      const process = catalog.processes.find((p) => p.id === processId);
      if (!process) throw new Error(`local: no process ${processId}`);
      return workflowVersion(process);
    },
    output: (capability, name) => {
      const value = parts.outputs.get(`${capability}/${name}`);
      if (value === undefined) throw new Error(`local: ${capability} provides no ${name}`);
      return value;
    },
    arn,
    json: (value) => JSON.stringify(value),
  };
}
