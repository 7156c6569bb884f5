import {
  GetExpenseAnalysisCommand,
  type GetExpenseAnalysisCommandOutput,
  type TextractClient,
} from '@aws-sdk/client-textract';
import type { ExpenseResponse } from './expense-fields.ts';

export type JobStatus =
  | { readonly status: 'SUCCEEDED'; readonly pages: ExpenseResponse[] }
  | { readonly status: 'IN_PROGRESS' }
  | { readonly status: 'FAILED'; readonly message: string };

/**
 * A Textract expense job's status, and when it succeeded every page of its results (GetExpenseAnalysis
 * is paginated), ready for `normaliseExpense` to merge.
 */
export async function readExpenseJob(textract: TextractClient, jobId: string): Promise<JobStatus> {
  const pages: GetExpenseAnalysisCommandOutput[] = [];
  let nextToken: string | undefined;
  do {
    const page = await textract.send(
      new GetExpenseAnalysisCommand({ JobId: jobId, MaxResults: 20, NextToken: nextToken }),
    );
    if (page.JobStatus === 'IN_PROGRESS') return { status: 'IN_PROGRESS' };
    if (page.JobStatus !== 'SUCCEEDED' && page.JobStatus !== 'PARTIAL_SUCCESS') {
      return { status: 'FAILED', message: page.StatusMessage ?? `job ${page.JobStatus ?? 'unknown'}` };
    }
    pages.push(page);
    nextToken = page.NextToken;
  } while (nextToken);
  return { status: 'SUCCEEDED', pages: pages as ExpenseResponse[] };
}
