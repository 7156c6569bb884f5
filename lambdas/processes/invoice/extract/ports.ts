import type { ActiveContentPolicy } from '../../../platform/inspection/active-content.ts';
import type { DocumentRef } from '../../../platform/shared/workflow.ts';
import type { AuditTrail } from '../../../platform/stores/audit.ts';
import type { JobLeases } from '../../../platform/textract/job-leases.ts';
import type { JobStore } from '../../../platform/textract/jobs.ts';
import type { RateSlots } from '../../../platform/textract/rate-slots.ts';
import type { TaskDelivery } from '../../../platform/workflows/task-results.ts';
import type { ExpenseResponse } from './expense-fields.ts';
import type { ExtractionQuality } from './quality.ts';

/** Where extracted invoices are kept and how their quality is reported; shared by every extraction function. */
export interface ArtifactPorts {
  /** A stored artifact's body, or undefined when there is none. */
  readonly readArtifact: (key: string) => Promise<string | undefined>;
  readonly writeArtifact: (key: string, body: string) => Promise<void>;
  readonly audit: Pick<AuditTrail, 'append'>;
  /** Publishes the extraction's quality metrics. */
  readonly recordQuality: (quality: ExtractionQuality) => void;
}

/** What the extract step needs from the outside world; adapters.ts has the AWS ones, tests fakes. */
export interface ExtractDeps extends ArtifactPorts {
  /** Size and content type of the document's object version (S3 HeadObject). */
  readonly headDocument: (doc: DocumentRef) => Promise<ObjectHead>;
  /** The document's bytes: the first `length` when given (a ranged read), else all of them. */
  readonly readDocument: (doc: DocumentRef, length?: number) => Promise<Uint8Array>;
  /** Textract AnalyzeExpense on the document's object version; throws the SDK's errors. */
  readonly analyzeExpense: (doc: DocumentRef) => Promise<ExpenseResponse>;
}

/** Admission adds Textract capacity, the async job and the task callbacks. */
export interface AdmitDeps extends ExtractDeps {
  /** StartExpenseAnalysis with the document id as ClientRequestToken; returns the job id. */
  readonly startExpenseAnalysis: (doc: DocumentRef) => Promise<string>;
  readonly rates: Pick<RateSlots, 'take'>;
  readonly leases: Pick<JobLeases, 'acquire' | 'release'>;
  readonly jobs: Pick<JobStore, 'record'>;
  readonly limits: {
    readonly syncTps: number;
    readonly startTps: number;
    readonly maxConcurrentJobs: number;
  };
  readonly succeed: (taskToken: string, output: unknown) => Promise<TaskDelivery>;
  readonly fail: (taskToken: string, error: { name: string; message: string }) => Promise<TaskDelivery>;
  readonly now: () => number;
  /** What a PDF with active content gets (env ACTIVE_CONTENT_POLICY). @default 'review' */
  readonly activeContentPolicy?: ActiveContentPolicy;
}

export interface ObjectHead {
  readonly size: number;
  readonly contentType?: string;
}
