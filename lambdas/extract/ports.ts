import type { AuditTrail } from '../shared/audit.ts';
import type { DocumentRef } from '../shared/workflow.ts';
import type { ExpenseResponse } from './expense-fields.ts';
import type { ExtractionQuality } from './quality.ts';

/** What the extract step needs from the outside world; adapters.ts has the AWS ones, tests fakes. */
export interface ExtractDeps {
  /** Size and content type of the document's object version (S3 HeadObject). */
  readonly headDocument: (doc: DocumentRef) => Promise<ObjectHead>;
  /** The document's bytes: the first `length` when given (a ranged read), else all of them. */
  readonly readDocument: (doc: DocumentRef, length?: number) => Promise<Uint8Array>;
  /** A stored artifact's body, or undefined when there is none. */
  readonly readArtifact: (key: string) => Promise<string | undefined>;
  readonly writeArtifact: (key: string, body: string) => Promise<void>;
  /** Textract AnalyzeExpense on the document's object version; throws the SDK's errors. */
  readonly analyzeExpense: (doc: DocumentRef) => Promise<ExpenseResponse>;
  readonly audit: Pick<AuditTrail, 'append'>;
  /** Publishes the extraction's quality metrics. */
  readonly recordQuality: (quality: ExtractionQuality) => void;
}

export interface ObjectHead {
  readonly size: number;
  readonly contentType?: string;
}
