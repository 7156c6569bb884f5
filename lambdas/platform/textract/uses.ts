import type { Use } from '../capability/use.ts';
import { envVars } from '../registry/names.ts';

// Textract has no resource-level permissions.
const starReason = 'the Textract actions this function calls support no resource-level permissions';

const call = (kind: string, action: string): Use => ({
  capability: 'textract',
  kind,
  detail: [`textract:${action}`],
  summary: action,
  grants: () => ({ statements: [{ actions: [`textract:${action}`], resources: ['*'] }], starReason }),
});

/** The topic and role Textract reports a completions queue's jobs with, as the capability's outputs name them. */
export const textractOutputs = {
  topic: (queueId: string) => `topic:${queueId}`,
  role: (queueId: string) => `role:${queueId}`,
};

/**
 * Starts expense analysis jobs that notify the topic feeding this completions queue (env
 * TEXTRACT_TOPIC_ARN, TEXTRACT_ROLE_ARN; iam:PassRole of the role Textract publishes with).
 */
const startExpenseAnalysis = (queueId: string): Use => ({
  capability: 'textract',
  kind: 'startExpenseAnalysis',
  target: queueId,
  detail: ['textract:StartExpenseAnalysis'],
  summary: `StartExpenseAnalysis reporting to ${queueId}`,
  grants: (deployed) => ({
    statements: [
      { actions: ['textract:StartExpenseAnalysis'], resources: ['*'] },
      {
        actions: ['iam:PassRole'],
        resources: [deployed.output('textract', textractOutputs.role(queueId))],
        conditions: { StringEquals: { 'iam:PassedToService': 'textract.amazonaws.com' } },
      },
    ],
    starReason,
  }),
  environment: (deployed) => ({
    [envVars.textractTopic]: deployed.output('textract', textractOutputs.topic(queueId)),
    [envVars.textractRole]: deployed.output('textract', textractOutputs.role(queueId)),
  }),
  problems: (catalog, fn) => {
    const target = catalog.queues.find((q) => q.id === queueId);
    return target?.textractCompletions && target.process === fn.process
      ? []
      : [
          `function ${fn.id} starts Textract jobs for ${queueId}, not a Textract completions queue of its process`,
        ];
  },
});

/** Receives the account's Textract quotas (env TEXTRACT_RATES), for admission at the configured rate. */
const admission = (): Use => ({
  capability: 'textract',
  kind: 'admission',
  summary: 'admits calls at the configured Textract rate',
  environment: (deployed) => ({ [envVars.textractRates]: JSON.stringify(deployed.config.textract) }),
});

/** Amazon Textract: expense analysis, synchronous and as jobs, admitted at the account's rate. */
export const textract = {
  analyzeExpense: () => call('analyzeExpense', 'AnalyzeExpense'),
  getExpenseAnalysis: () => call('getExpenseAnalysis', 'GetExpenseAnalysis'),
  startExpenseAnalysis,
  admission,
};
