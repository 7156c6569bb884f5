import type { S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { TextractRates } from '../../lambdas/platform/registry/queues.ts';
import type { JobOptions } from './textract/expense-jobs.ts';
import type { ExpenseReader } from './textract/expense-reader.ts';
import { startTextractServer, type TextractServer } from './textract/server.ts';

/** How the local Textract behaves; by default it enforces the configured account rate, as the service does. */
export interface LocalTextractOptions {
  /** Calls per second per operation. @default the configured syncTps/startTps/getTps */
  readonly rates?: Readonly<Record<string, number>>;
  readonly jobs?: Omit<JobOptions, 'recognise' | 'reader'>;
}

/** The local Textract endpoint, reading documents from the local S3 and announcing jobs on the local SNS. */
export function startLocalTextract(
  s3: S3Client,
  sns: SNSClient,
  account: TextractRates,
  options: LocalTextractOptions = {},
  /** Whether the notification role may publish to the topic (IAM evaluation); a denied completion is lost, as on AWS. */
  mayPublish: (topicArn: string) => Promise<boolean> = async () => true,
  /** What AnalyzeExpense finds (the processes' stand-in). @default none: no fields */
  reader?: ExpenseReader,
): Promise<TextractServer> {
  return startTextractServer({
    s3,
    reader,
    rates: options.rates ?? {
      AnalyzeExpense: account.syncTps,
      StartExpenseAnalysis: account.startTps,
      GetExpenseAnalysis: account.getTps,
    },
    jobs: { maxConcurrentJobs: account.maxConcurrentJobs, ...options.jobs },
    publish: async (topicArn, message) => {
      if (!(await mayPublish(topicArn))) return;
      await sns.send(new PublishCommand({ TopicArn: topicArn, Message: JSON.stringify(message) }));
    },
  });
}
