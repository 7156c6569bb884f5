import {
  GetExpenseAnalysisCommand,
  type GetExpenseAnalysisCommandOutput,
  type TextractClient,
} from '@aws-sdk/client-textract';
import { withThrottleRetries } from '../../../platform/textract/throttle-retry.ts';
import type { ExpenseResponse } from './expense-fields.ts';

export type JobStatus =
  | { readonly status: 'SUCCEEDED'; readonly pages: ExpenseResponse[] }
  | { readonly status: 'IN_PROGRESS' }
  | { readonly status: 'FAILED'; readonly message: string }
  /** No GetExpenseAnalysis capacity now (no rate slot in time, or throttled past the retries): read it later. */
  | { readonly status: 'NO_CAPACITY' };

/** How a job's result pages are read: one GetExpenseAnalysis call, and the rate admission before each. */
export interface JobReader {
  readonly getPage: (jobId: string, nextToken?: string) => Promise<GetExpenseAnalysisCommandOutput>;
  /** Takes a GetExpenseAnalysis rate slot (its own quota); false when none came in time. */
  readonly takeSlot: () => Promise<boolean>;
}

/** GetExpenseAnalysis on the SDK client, 20 expense documents a page (the most it returns). */
export function textractPageReader(textract: TextractClient): JobReader['getPage'] {
  return (jobId, nextToken) =>
    textract.send(new GetExpenseAnalysisCommand({ JobId: jobId, MaxResults: 20, NextToken: nextToken }));
}

/**
 * A Textract expense job's status, and when it succeeded every page of its results (GetExpenseAnalysis
 * is paginated), ready for `normaliseExpense` to merge. Every call, retries included, takes a rate slot
 * first, so paging a long job cannot throttle the account's other readers; no capacity is NO_CAPACITY,
 * never a failed document.
 */
export async function readExpenseJob(reader: JobReader, jobId: string): Promise<JobStatus> {
  const pages: GetExpenseAnalysisCommandOutput[] = [];
  let nextToken: string | undefined;
  do {
    const token = nextToken;
    const read = await withThrottleRetries(async () =>
      (await reader.takeSlot()) ? reader.getPage(jobId, token) : undefined,
    );
    if (!read.ok || read.value === undefined) return { status: 'NO_CAPACITY' };
    const page = read.value;
    if (page.JobStatus === 'IN_PROGRESS') return { status: 'IN_PROGRESS' };
    if (page.JobStatus !== 'SUCCEEDED' && page.JobStatus !== 'PARTIAL_SUCCESS') {
      return { status: 'FAILED', message: page.StatusMessage ?? `job ${page.JobStatus ?? 'unknown'}` };
    }
    pages.push(page);
    nextToken = page.NextToken;
  } while (nextToken);
  return { status: 'SUCCEEDED', pages: pages as ExpenseResponse[] };
}
