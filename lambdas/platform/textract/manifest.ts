import { pascal } from '../../../lib/constructs/names.ts';
import { capability } from '../capability/manifest.ts';
import { tables } from '../registry/tables.ts';
import { TextractNotifications } from './infra/textract-notifications.ts';
import { textractOutputs, textract as uses } from './uses.ts';

/** Amazon Textract: expense analysis, admitted at the account's rate; finished jobs reported through SNS. */
export const textract = capability({
  name: 'textract',
  summary: 'Amazon Textract calls admitted at the configured rate; async jobs report to a topic and a queue',
  uses,
  tables: [tables.extraction],
  settings: ['textract'],
  infra: {
    build: (p) => {
      const completions = p.catalog.queues.filter((q) => q.textractCompletions);
      for (const [i, q] of completions.entries()) {
        const queue = p.queues[q.id];
        if (!queue) throw new Error(`textract: no queue ${q.id}`);
        // The first such queue keeps the construct id and topic name it had when there was one.
        const notifications = new TextractNotifications(
          p.scope,
          i === 0 ? 'TextractNotifications' : `${pascal(q.id)}Textract`,
          {
            topicName: `${p.name}-textract-${i === 0 ? 'completions' : q.id}`,
            encryptionKey: p.key,
            completions: queue.queue,
          },
        );
        p.provide('textract', textractOutputs.topic(q.id), notifications.topic.topicArn);
        p.provide('textract', textractOutputs.role(q.id), notifications.role.roleArn);
      }
    },
  },
  local: () => import('./local.ts').then((m) => m.textractLocal()),
});
