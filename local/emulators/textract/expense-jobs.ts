import { randomUUID } from 'node:crypto';
import type { ExpenseDocument, GetExpenseAnalysisResponse } from '@aws-sdk/client-textract';
import { analyzePage } from './analyze-expense.ts';
import { sniffKind } from './document-kind.ts';
import { TextractServiceError } from './errors.ts';
import type { ExpenseReader } from './expense-reader.ts';
import { type Recogniser, recognisePage } from './ocr.ts';
import { readPdfPages } from './pdf-text.ts';

/** StartExpenseAnalysis's limits: 500 MB, 3,000 pages. */
export const maxAsyncBytes = 500 * 1024 * 1024;

export interface JobNotice {
  readonly JobId: string;
  readonly Status: 'SUCCEEDED' | 'FAILED';
  readonly API: 'StartExpenseAnalysis';
  readonly JobTag?: string;
  readonly Timestamp: number;
  readonly DocumentLocation: { readonly S3ObjectName: string; readonly S3Bucket: string };
}

interface Job {
  readonly jobId: string;
  status: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED';
  statusMessage?: string;
  documents: ExpenseDocument[];
  pages: number;
}

export interface JobOptions {
  readonly maxConcurrentJobs?: number;
  readonly recognise?: Recogniser;
  /** What the fields and line items are. @default none (analyze-expense.ts) */
  readonly reader?: ExpenseReader;
  /** Added processing time per job, to make jobs outlast a wait in tests. @default 0 */
  readonly delayMs?: number;
  /** Whether to publish a job's completion (tests drop some to exercise recovery). @default always */
  readonly shouldNotify?: (jobId: string) => boolean;
}

/**
 * Asynchronous expense jobs: started idempotently by ClientRequestToken, read page by page from the
 * document, answered page by page by GetExpenseAnalysis, and announced on the job's SNS topic.
 */
export class ExpenseJobs {
  private readonly jobs = new Map<string, Job>();
  private readonly byToken = new Map<string, string>();

  constructor(
    private readonly options: JobOptions,
    private readonly publish: (topicArn: string, message: JobNotice) => Promise<void>,
  ) {}

  start(request: {
    bytes: Uint8Array;
    location: { bucket: string; name: string };
    clientRequestToken?: string;
    jobTag?: string;
    topicArn?: string;
  }): string {
    const known = request.clientRequestToken ? this.byToken.get(request.clientRequestToken) : undefined;
    if (known) return known;
    const running = [...this.jobs.values()].filter((j) => j.status === 'IN_PROGRESS').length;
    if (running >= (this.options.maxConcurrentJobs ?? 100))
      throw new TextractServiceError(
        'LimitExceededException',
        'Open jobs exceed the maximum concurrent job limit',
      );
    const jobId = randomUUID().replace(/-/g, '');
    const job: Job = { jobId, status: 'IN_PROGRESS', documents: [], pages: 0 };
    this.jobs.set(jobId, job);
    if (request.clientRequestToken) this.byToken.set(request.clientRequestToken, jobId);
    void this.run(job, request);
    return jobId;
  }

  get(jobId: string, maxResults = 20, nextToken?: string): GetExpenseAnalysisResponse {
    const job = this.jobs.get(jobId);
    if (!job) throw new TextractServiceError('InvalidJobIdException', `Invalid JobId: ${jobId}`);
    if (job.status !== 'SUCCEEDED') return { JobStatus: job.status, StatusMessage: job.statusMessage };
    const start = Number(nextToken ?? 0) || 0;
    const end = Math.min(job.documents.length, start + Math.max(1, Math.min(maxResults, 20)));
    return {
      JobStatus: 'SUCCEEDED',
      DocumentMetadata: { Pages: job.pages },
      ExpenseDocuments: job.documents.slice(start, end),
      NextToken: end < job.documents.length ? String(end) : undefined,
      AnalyzeExpenseModelVersion: '1.0',
    };
  }

  private async run(job: Job, request: Parameters<ExpenseJobs['start']>[0]): Promise<void> {
    try {
      if (this.options.delayMs) await new Promise((r) => setTimeout(r, this.options.delayMs));
      job.documents = await this.read(request.bytes);
      job.pages = job.documents.length;
      job.status = 'SUCCEEDED';
    } catch (error) {
      job.status = 'FAILED';
      job.statusMessage =
        error instanceof TextractServiceError ? `${error.name}: ${error.message}` : 'INTERNAL_ERROR';
    }
    if (!request.topicArn || !(this.options.shouldNotify?.(job.jobId) ?? true)) return;
    await this.publish(request.topicArn, {
      JobId: job.jobId,
      Status: job.status === 'SUCCEEDED' ? 'SUCCEEDED' : 'FAILED',
      API: 'StartExpenseAnalysis',
      JobTag: request.jobTag,
      Timestamp: Date.now(),
      DocumentLocation: { S3ObjectName: request.location.name, S3Bucket: request.location.bucket },
    }).catch(() => undefined);
  }

  /** One ExpenseDocument per page, each numbered, as Textract returns a multipage job. */
  private async read(bytes: Uint8Array): Promise<ExpenseDocument[]> {
    if (bytes.length > maxAsyncBytes)
      throw new TextractServiceError('DocumentTooLargeException', 'The document is larger than 500 MB');
    const kind = sniffKind(bytes);
    if (kind === null)
      throw new TextractServiceError(
        'UnsupportedDocumentException',
        'Request has unsupported document format',
      );
    const recognise = this.options.recognise ?? recognisePage;
    // A page without a text layer is a scan: OCR reads that page alone.
    const pages =
      kind === 'pdf'
        ? await Promise.all(
            (await readPdfPages(bytes)).map((page, i) =>
              page.runs.length > 0 ? page : recognise(kind, bytes, i + 1),
            ),
          )
        : [await recognise(kind, bytes)];
    return pages.map((text, i) =>
      numbered(analyzePage(text, { reader: this.options.reader }).ExpenseDocuments?.[0] ?? {}, i + 1),
    );
  }
}

function numbered(document: ExpenseDocument, page: number): ExpenseDocument {
  const renumber = <T extends { PageNumber?: number }>(field: T): T => ({ ...field, PageNumber: page });
  return {
    ...document,
    ExpenseIndex: page,
    SummaryFields: document.SummaryFields?.map(renumber),
    LineItemGroups: document.LineItemGroups?.map((group) => ({
      ...group,
      LineItems: group.LineItems?.map((item) => ({
        ...item,
        LineItemExpenseFields: item.LineItemExpenseFields?.map(renumber),
      })),
    })),
    Blocks: document.Blocks?.map((block) => ({ ...block, Page: page })),
  };
}
