import { Duration } from 'aws-cdk-lib';
import * as cw from 'aws-cdk-lib/aws-cloudwatch';
import { baseEnvironment } from '../../lambdas/platform/registry/bundling.ts';

/**
 * Tower's own metrics, as the handlers emit them: Powertools EMF in namespace `Tower`, dimension
 * `service` (`tower-<function>`), plus `Step` and `Process` for metrics emitted inside `instrument`.
 * Queries aggregate over every dimension set, so they hold whichever set a handler emits with; a
 * process's figures are those carrying its `Process`.
 */
export const namespace = baseEnvironment('x').POWERTOOLS_METRICS_NAMESPACE;

const serviceOf = (functionId: string) => baseEnvironment(functionId).POWERTOOLS_SERVICE_NAME;

/** A metric of one process summed across its dimension sets, from one function or any (Metrics Insights). */
export function towerSum(
  metricName: string,
  process: string,
  label: string,
  options: { readonly functionId?: string; readonly period?: Duration } = {},
) {
  const service = options.functionId ? ` AND service = '${serviceOf(options.functionId)}'` : '';
  return new cw.MathExpression({
    expression: `SELECT SUM(${metricName}) FROM "${namespace}" WHERE Process = '${process}'${service}`,
    usingMetrics: {},
    label,
    period: options.period ?? Duration.minutes(5),
  });
}

/** A process's human tasks that reached their deadline undecided (request-approval, on escalate and expire). */
export function approvalOverdue(process: string): cw.MathExpression {
  return towerSum('ApprovalOverdue', process, 'Past their SLA', { functionId: 'request-approval' });
}

/** A process's human tasks requested (request-approval, on its first wait). */
export function approvalsRequested(process: string): cw.MathExpression {
  return towerSum('ApprovalsRequested', process, 'Requested', { functionId: 'request-approval' });
}

/** A process's documents ended, by how (emitted by finalize, quarantine and record-failure). */
export function documentsEnded(process: string): cw.MathExpression[] {
  return [
    towerSum('DocumentsCompleted', process, 'Completed'),
    towerSum('DocumentsRejected', process, 'Rejected'),
    towerSum('DocumentsRejectedInput', process, 'Rejected input'),
    towerSum('DocumentsFailed', process, 'Failed'),
  ];
}

/** A process's step latency at one percentile, one line per step and service. */
export function stepLatency(process: string, percentile: 'p50' | 'p95' | 'p99'): cw.MathExpression {
  return new cw.MathExpression({
    expression: `SEARCH('{${namespace},Process,Step,service} MetricName="StepLatency" Process="${process}"', '${percentile}', 300)`,
    usingMetrics: {},
    label: `StepLatency ${percentile}`,
    period: Duration.minutes(5),
  });
}
