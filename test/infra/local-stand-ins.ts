import type { ProcessSpec } from '../../lambdas/platform/registry/process-spec.ts';
import { textractPublisher } from '../../lambdas/platform/textract/local-topic.ts';
import { towerCatalog } from '../../lambdas/platform/tower-catalog.ts';
import type { LocalResources } from '../../local/iam/policy-model.ts';
import { localAccount, localKeyArn, localNames } from '../../local/runtime/resources.ts';

/** The local resources `npm start` stands in for the template's, named as the runtime names them. */
export function localStandIns(processes: readonly ProcessSpec[], region = 'us-east-1'): LocalResources {
  const catalog = towerCatalog(processes);
  const names = localNames(region);
  const queueUrl = (name: string) => `http://127.0.0.1/${localAccount}/${name}`;
  return {
    region,
    account: localAccount,
    keyArn: localKeyArn(region),
    bucket: names.bucket,
    tables: Object.fromEntries(catalog.tables.map((t) => [t.id, names.table(t.id)])),
    queues: Object.fromEntries(
      catalog.queues.map((q) => [
        q.id,
        {
          url: queueUrl(names.queue(q.id)),
          arn: `arn:aws:sqs:${region}:${localAccount}:${names.queue(q.id)}`,
          dlqUrl: queueUrl(names.deadLetterQueue(q.id)),
        },
      ]),
    ),
    functions: Object.fromEntries(
      catalog.functions.map((f) => [
        f.id,
        {
          name: names.functionName(f.id),
          arn: names.functionArn(f.id),
          roleArn: `arn:aws:iam::${localAccount}:role/${names.functionName(f.id)}`,
        },
      ]),
    ),
    stateMachines: Object.fromEntries(
      processes.map((p) => [
        p.id,
        {
          arn: names.stateMachineArn(p.id),
          roleArn: `arn:aws:iam::${localAccount}:role/${names.stateMachineName(p.id)}-states`,
        },
      ]),
    ),
    provided: new Map(
      catalog.queues
        .filter((q) => q.textractCompletions)
        .flatMap((q) => [
          [
            `textract/topic:${q.id}`,
            `arn:aws:sns:${region}:${localAccount}:${names.topic(`textract-${q.id}`)}`,
          ],
          [`textract/role:${q.id}`, textractPublisher(names)],
        ]),
    ),
  };
}
