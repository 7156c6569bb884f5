import type { Use } from '../capability/use.ts';
import { envVars } from '../registry/names.ts';

/**
 * Consumes this queue and changes its messages' visibility to defer them (env QUEUE_URL): the event
 * source mapping then grants sqs:ChangeMessageVisibility too.
 */
const defers = (queueId: string): Use => ({
  capability: 'queues',
  kind: 'defers',
  target: queueId,
  summary: `defers messages of ${queueId}`,
  environment: (deployed) => ({ [envVars.queueUrl]: deployed.queue(queueId).url }),
  problems: (catalog, fn) =>
    catalog.queues.find((q) => q.id === queueId)?.consumer === fn.id
      ? []
      : [`function ${fn.id} defers on queue ${queueId}, which it does not consume`],
});

/** Work queues: each consumed by one function through an event source mapping. */
export const queues = { defers };
