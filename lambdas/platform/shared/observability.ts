import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { classify } from './errors.ts';

/** JSON logs; service name from POWERTOOLS_SERVICE_NAME. Never log tokens, links or document contents. */
export const logger = new Logger();
/** EMF metrics; namespace from POWERTOOLS_METRICS_NAMESPACE. */
export const metrics = new Metrics();
export { MetricUnit };

/** The keys that tie a log line to a document and its execution. */
export interface Correlation {
  readonly documentId?: string;
  readonly executionArn?: string;
  readonly process?: string;
}

/** The correlation keys of a step run for one document in one execution; read defensively, since a malformed event must still be logged. */
export function stepCorrelation(event: {
  readonly document?: { readonly documentId?: string; readonly process?: string };
  readonly executionArn?: string;
}): Correlation {
  return {
    documentId: event?.document?.documentId,
    executionArn: event?.executionArn,
    process: event?.document?.process,
  };
}

/**
 * Wraps a step handler: Lambda context and correlation keys on every log line, latency and outcome
 * metrics per process and step (dimensions `Process`, `Step`), and every error classified
 * (`Tower.Transient` or `Tower.Permanent`) before it reaches Step Functions.
 */
export function instrument<E, R>(
  step: string,
  correlate: (event: E) => Correlation,
  fn: (event: E, context: Context) => Promise<R>,
): (event: E, context: Context) => Promise<R> {
  return async (event, context) => {
    logger.addContext(context);
    const keys = correlate(event);
    logger.appendKeys({ step, ...keys });
    metrics.addDimension('Step', step);
    // Processes share the platform's functions: without this dimension their figures would mix.
    if (keys.process) metrics.addDimension('Process', keys.process);
    const started = performance.now();
    let outcome = 'Succeeded';
    try {
      return await fn(event, context);
    } catch (error) {
      const classified = classify(error);
      outcome = classified.name === 'Tower.InputRejected' ? 'Rejected' : 'Failed';
      logger.error('Step failed', {
        errorName: classified.name,
        errorClass: classified.errorClass,
        error: classified,
      });
      throw classified;
    } finally {
      metrics.addMetric('StepLatency', MetricUnit.Milliseconds, performance.now() - started);
      metrics.addMetric(`Step${outcome}`, MetricUnit.Count, 1);
      metrics.publishStoredMetrics();
      logger.removeKeys(['step', ...Object.keys(keys)]);
    }
  };
}
