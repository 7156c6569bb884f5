import { Duration } from 'aws-cdk-lib';
import * as cw from 'aws-cdk-lib/aws-cloudwatch';
import { pascal } from '../../../lib/constructs/names.ts';
import type { AlarmSpec } from '../../../lib/platform/capability-infra.ts';
import { capability } from '../capability/manifest.ts';
import { usesOf } from '../capability/use.ts';
import { maxConcurrencyOf } from '../registry/queues.ts';
import { WorkQueue } from './infra/work-queue.ts';
import { queues as uses } from './uses.ts';

/** Work queues: every queue of the catalog with its dead-letter queue, drained by one function each. */
export const queues = capability({
  name: 'queues',
  summary: 'SQS work queues, each with a dead-letter queue and one consuming function',
  uses,
  settings: ['intakeMaxConcurrency'],
  infra: {
    build: (p) => {
      // At the platform's scope, so each queue keeps the logical ids it had in the stack.
      for (const spec of p.catalog.queues)
        p.queues[spec.id] = new WorkQueue(p.scope, pascal(spec.id), {
          spec,
          consumerTimeoutSeconds: p.catalog.function(spec.consumer).timeoutSeconds,
          encryptionKey: p.key,
          removalPolicy: p.removalPolicy,
        });
    },
    wire: (p) => {
      for (const q of Object.values(p.queues)) {
        const consumer = p.functions[q.spec.consumer];
        if (!consumer) throw new Error(`queues: ${q.spec.id} has no consumer ${q.spec.consumer}`);
        const defers = usesOf(consumer.spec, 'queues', 'defers').some((u) => u.target === q.spec.id);
        q.consumeWith(consumer.function, maxConcurrencyOf(q.spec, p.config), defers);
      }
    },
    observe: (p) => {
      const all = Object.values(p.queues);
      const aged = all.filter((q) => q.spec.oldestMessageAlarmMinutes !== undefined);
      const alarms: AlarmSpec[] = all.flatMap((q) => [
        {
          id: `${q.spec.id}-dlq-not-empty`,
          metric: q.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
            period: Duration.minutes(1),
            statistic: cw.Stats.MAXIMUM,
          }),
          description: `Messages of the ${q.spec.id} queue failed ${q.spec.maxReceiveCount} receives and wait in its dead-letter queue`,
        },
        ...(q.spec.oldestMessageAlarmMinutes === undefined
          ? []
          : [
              {
                id: `${q.spec.id}-oldest-message-age`,
                metric: q.queue.metricApproximateAgeOfOldestMessage({
                  period: Duration.minutes(1),
                  statistic: cw.Stats.MAXIMUM,
                }),
                description: `The oldest ${q.spec.id} message waited longer than ${q.spec.oldestMessageAlarmMinutes} minutes: its consumer is not keeping up`,
                threshold: q.spec.oldestMessageAlarmMinutes * 60,
              },
            ]),
      ]);
      const period = Duration.minutes(5);
      const row = [
        new cw.GraphWidget({
          title: 'Dead-letter queue depth',
          width: 8,
          left: all.map((q) =>
            q.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
              period,
              statistic: cw.Stats.MAXIMUM,
              label: q.spec.id,
            }),
          ),
        }),
        new cw.GraphWidget({
          title: 'Oldest message age (s)',
          width: 16,
          left: aged.map((q) =>
            q.queue.metricApproximateAgeOfOldestMessage({
              period,
              statistic: cw.Stats.MAXIMUM,
              label: q.spec.id,
            }),
          ),
        }),
      ];
      return { alarms, rows: [row] };
    },
  },
  local: () => import('./local.ts').then((m) => m.queuesLocal),
});
