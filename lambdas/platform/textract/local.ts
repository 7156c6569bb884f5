import { startLocalTextract } from '../../../local/emulators/textract.ts';
import { deliveryAllowed, topicToQueueDelivery } from '../../../local/iam/deliveries.ts';
import type { CapabilityLocal } from '../../../local/runtime/capability-local.ts';
import { textractCalls } from './local-requests.ts';
import { createTextractTopic, textractPublisher } from './local-topic.ts';
import { textractStandIn } from './stand-in.ts';
import { textractOutputs } from './uses.ts';

/**
 * Textract locally: a Textract-compatible endpoint reading documents from the local S3, a topic per
 * completions queue, and completions published as the notification role, evaluated as AWS would.
 */
export function textractLocal(): CapabilityLocal {
  let mayPublish: ((topicArn: string) => Promise<boolean>) | undefined;
  return {
    create: async (p) => {
      const reader = await textractStandIn(p.catalog.processes);
      if (reader === undefined)
        process.stderr.write(
          'textract: no process gives an expense reader stand-in; the local AnalyzeExpense answers with no fields\n',
        );
      const server = await startLocalTextract(
        p.clients.s3,
        p.clients.sns,
        p.config.textract,
        p.options.textract,
        (topicArn) => mayPublish?.(topicArn) ?? Promise.resolve(true),
        reader,
      );
      p.shutdown.add('Textract and its OCR', server.stop);
      p.endpoints.textract = server.endpoint;
      p.handles.set('textract', server);
      for (const q of p.catalog.queues.filter((queue) => queue.textractCompletions)) {
        const completions = p.queues[q.id];
        if (!completions) throw new Error(`textract: no local queue ${q.id}`);
        p.provide(
          'textract',
          textractOutputs.topic(q.id),
          await createTextractTopic(p.clients.sns, p.names, q.id, completions),
        );
        p.provide('textract', textractOutputs.role(q.id), textractPublisher(p.names));
      }
    },
    connect: async (p) => {
      const { iam } = p;
      if (!iam) return;
      // Each topic's one subscriber, as createTextractTopic subscribes it.
      const subscribers = new Map(
        p.catalog.queues
          .filter((q) => q.textractCompletions)
          .map((q) => [p.outputs.get(`textract/${textractOutputs.topic(q.id)}`), p.queues[q.id]?.arn]),
      );
      mayPublish = async (topicArn) => {
        const published = await deliveryAllowed(
          iam.evaluator,
          {
            principal: textractPublisher(p.names),
            action: 'sns:Publish',
            resource: topicArn,
            sourceArn: topicArn,
            keyActions: ['kms:GenerateDataKey', 'kms:Decrypt'],
            keyService: 'sns',
          },
          iam.scope,
        );
        if (!published) {
          process.stderr.write(
            `IAM: the Textract notification role may not publish to ${topicArn}: completion lost\n`,
          );
          return false;
        }
        const queueArn = subscribers.get(topicArn);
        // The local SNS delivers to the subscribed queue itself: evaluated here, before it publishes.
        const delivered =
          queueArn === undefined ||
          (await deliveryAllowed(iam.evaluator, topicToQueueDelivery(topicArn, queueArn), iam.scope));
        if (!delivered)
          process.stderr.write(
            `IAM: SNS may not deliver ${topicArn} to ${queueArn} (queue or key policy): completion lost\n`,
          );
        return delivered;
      };
    },
    requests: { service: 'textract', map: (request) => textractCalls(request) },
  };
}
