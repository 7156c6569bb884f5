import { CfnOutput, type Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { acknowledge } from '../../../lib/constructs/acknowledge.ts';
import { capability } from '../capability/manifest.ts';
import { platformQueues } from '../registry/queues.ts';
import { intakeFunctions } from './functions.ts';
import { EncryptedQueueDestination } from './infra/encrypted-queue-destination.ts';

/** S3 intake: an object created under a process's prefix starts that process, once per content. */
export const intake = capability({
  name: 'intake',
  summary:
    'S3 object-created events under each intake prefix, queued, each starting one execution per document',
  functions: intakeFunctions,
  queues: platformQueues,
  infra: {
    wire: (p) => {
      const queue = p.queues.intake;
      if (!queue) throw new Error('intake: the platform has no intake queue');
      const destination = new EncryptedQueueDestination(queue.queue, p.key);
      for (const process of p.catalog.processes)
        p.bucket.addEventNotification(s3.EventType.OBJECT_CREATED, destination, {
          prefix: process.intakePrefix,
        });
      acknowledgeNotificationsHandler(p.bucket.stack);
      new CfnOutput(p.scope, 'IntakePrefixes', {
        value: p.catalog.processes.map((process) => process.intakePrefix).join(','),
      });
    },
  },
  local: () => import('./local.ts').then((m) => m.intakeLocal),
});

/** CDK's stack-singleton custom resource that configures bucket notifications; its role is CDK's to shape. */
function acknowledgeNotificationsHandler(stack: Stack): void {
  const handler = stack.node.children.find((child) => child.node.id.startsWith('BucketNotificationsHandler'));
  if (handler === undefined) throw new Error('intake: the bucket notifications handler was not created');
  acknowledge(
    handler,
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    "CDK's bucket-notifications custom resource: runs only during deployment, its role is created by CDK " +
      'with the basic execution policy and s3:PutBucketNotification on the data bucket alone',
  );
}
