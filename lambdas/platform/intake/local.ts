import type { S3Notification } from '../../../local/emulators/s3.ts';
import { notifyQueue } from '../../../local/event-sources/s3-notifications.ts';
import { deliveryAllowed } from '../../../local/iam/deliveries.ts';
import type { CapabilityLocal, LocalParts } from '../../../local/runtime/capability-local.ts';
import { scanDocuments } from '../../../local/runtime/documents-scan.ts';
import { reconcileIntake } from '../../../local/runtime/reconcile.ts';
import { executionArnOf } from '../shared/execution-arn.ts';
import { executionName } from '../shared/workflow.ts';

/**
 * S3 intake locally: object-created events under the intake prefixes delivered to the intake queue (as
 * S3 would, if the queue and key policies let it), and at start the objects whose events a hard stop lost.
 */
export const intakeLocal: CapabilityLocal = {
  connect: async (p) => {
    const intake = p.queues.intake;
    if (!intake) throw new Error('intake: no local intake queue');
    const prefixes = p.catalog.processes.map((process) => process.intakePrefix);
    const deliver = notifyQueue(
      p.clients.sqs,
      { bucket: p.names.bucket, prefixes, queueUrl: intake.url },
      p.region,
      p.faults.events,
      p.iam ? () => s3MayDeliver(p, intake.arn) : undefined,
    );
    p.onS3Event((event) => void deliver(event));
    p.startup.reannounced = p.options.reconcile === false ? 0 : await reconcile(p, prefixes, deliver);
  },
};

async function s3MayDeliver(p: LocalParts, queueArn: string): Promise<boolean> {
  if (!p.iam) return true;
  const allowed = await deliveryAllowed(
    p.iam.evaluator,
    {
      principal: 's3.amazonaws.com',
      action: 'sqs:SendMessage',
      resource: queueArn,
      sourceArn: `arn:aws:s3:::${p.names.bucket}`,
      keyActions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      keyService: 'sqs',
    },
    p.iam.scope,
  );
  if (!allowed)
    process.stderr.write(
      'IAM: S3 may not deliver to the intake queue (queue or key policy): event dropped\n',
    );
  return allowed;
}

/** The queues are in memory: events a hard stop lost are announced again (the starter deduplicates). */
async function reconcile(
  p: LocalParts,
  prefixes: readonly string[],
  announce: (event: S3Notification) => Promise<unknown>,
): Promise<number> {
  return reconcileIntake({
    s3: p.clients.s3,
    bucket: p.names.bucket,
    prefixes,
    documents: await scanDocuments(p.clients.documents, p.names.table('documents')),
    executionRunning: (d) =>
      p.stepFunctions?.store.get(
        executionArnOf(p.names.stateMachineArn(d.process), executionName(d.process, d.documentId)),
      )?.status === 'RUNNING',
    announce,
  });
}
