import { Duration } from 'aws-cdk-lib';
import * as cw from 'aws-cdk-lib/aws-cloudwatch';
import { baseEnvironment } from '../../lambdas/platform/registry/bundling.ts';

/**
 * Tower's own metrics, as the handlers emit them: Powertools EMF in namespace `Tower`, dimension
 * `service` (`tower-<function>`), plus `Step` for metrics emitted inside `instrument`. Queries aggregate
 * over every dimension set, so they hold whichever set a handler emits with.
 */
export const namespace = baseEnvironment('x').POWERTOOLS_METRICS_NAMESPACE;

const serviceOf = (functionId: string) => baseEnvironment(functionId).POWERTOOLS_SERVICE_NAME;

/** A metric of one function summed across its dimension sets (a Metrics Insights query). */
export function towerSum(
  metricName: string,
  functionId: string,
  label: string,
  period = Duration.minutes(5),
) {
  return new cw.MathExpression({
    expression: `SELECT SUM(${metricName}) FROM "${namespace}" WHERE service = '${serviceOf(functionId)}'`,
    usingMetrics: {},
    label,
    period,
  });
}

/** Approvals that reached their deadline undecided (emitted by request-approval on escalate and expire). */
export function approvalOverdue(): cw.MathExpression {
  return towerSum('ApprovalOverdue', 'request-approval', 'Approvals past their SLA');
}

/** Approval requests sent (emitted by request-approval on its first phase). */
export function approvalsRequested(): cw.MathExpression {
  return towerSum('ApprovalsRequested', 'request-approval', 'Approvals requested');
}

/** Step latency at one percentile, one line per step and service. */
export function stepLatency(percentile: 'p50' | 'p95' | 'p99'): cw.MathExpression {
  return new cw.MathExpression({
    expression: `SEARCH('{${namespace},Step,service} MetricName="StepLatency"', '${percentile}', 300)`,
    usingMetrics: {},
    label: `StepLatency ${percentile}`,
    period: Duration.minutes(5),
  });
}
