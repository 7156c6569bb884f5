import { SQSClient } from '@aws-sdk/client-sqs';
import { startSqs } from '../../../local/emulators/sqs.ts';
import { SqsPoller } from '../../../local/event-sources/sqs-poller.ts';
import { sessionTokenFor } from '../../../local/iam/identity.ts';
import type { CapabilityLocal } from '../../../local/runtime/capability-local.ts';
import { localCredentials } from '../../../local/runtime/clients.ts';
import { createQueues } from '../../../local/runtime/resources.ts';
import { maxConcurrencyOf } from '../registry/queues.ts';

/** Work queues locally: SQS and SNS on loopback, the catalog's queues, and each queue's event source mapping. */
export const queuesLocal: CapabilityLocal = {
  emulate: async (p) => {
    const sqs = await startSqs();
    p.shutdown.add('SQS and SNS', sqs.close);
    p.endpoints.sqs = sqs.url;
    p.endpoints.sns = sqs.url;
  },
  create: async (p) => {
    Object.assign(
      p.queues,
      await createQueues(p.clients.sqs, p.names, p.catalog.queues, p.options.queueVisibilityTimeoutSeconds),
    );
  },
  connect: async (p) => {
    const { lambda, iam } = p;
    if (!lambda) throw new Error('queues: the Lambda host is not running');
    const pollers: Record<string, SqsPoller> = {};
    for (const q of p.catalog.queues) {
      const ref = p.queues[q.id];
      if (!ref) throw new Error(`queues: no local queue ${q.id}`);
      // The event source mapping polls with the consumer function's execution role.
      const sqs = iam
        ? new SQSClient({
            region: p.region,
            endpoint: iam.endpoints.sqs,
            credentials: {
              ...localCredentials,
              sessionToken: sessionTokenFor(p.names.functionRoleArn(q.consumer)),
            },
          })
        : p.clients.sqs;
      const poller = new SqsPoller(
        sqs,
        (fn, event) => lambda.invoke(fn, event),
        {
          queueUrl: ref.url,
          queueArn: ref.arn,
          functionName: p.names.functionName(q.consumer),
          batchSize: q.batchSize,
          // More pollers than environments to run them would only queue batches in memory here.
          maxConcurrency: Math.min(maxConcurrencyOf(q, p.config), p.options.functionConcurrency ?? 8),
        },
        p.region,
      );
      poller.start();
      // Nothing more is received; batches in flight end when the Lambda host stops.
      p.shutdown.add(`the ${q.id} queue's event source mapping`, async () => poller.halt());
      pollers[q.id] = poller;
    }
    p.handles.set('queues', pollers);
  },
};
