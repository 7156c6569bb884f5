import type {
  AnalyzeExpenseResponse,
  Block,
  ExpenseDetection,
  ExpenseField as SdkExpenseField,
} from '@aws-sdk/client-textract';
import {
  type ApiAnalyzeExpenseResponse,
  type ApiExpenseComponentDetection,
  type ApiExpenseField,
  type ExpenseField,
  TextractExpense,
} from 'amazon-textract-response-parser';
import type { TextLine } from './issuer.ts';

/**
 * Walks Textract expense responses with amazon-textract-response-parser and flattens them to plain
 * fields, so the normaliser works on data, not on the parser's object graph.
 */

/** An AnalyzeExpense response, or one page of GetExpenseAnalysis results (same ExpenseDocuments shape). */
export type ExpenseResponse = Pick<AnalyzeExpenseResponse, 'DocumentMetadata' | 'ExpenseDocuments'>;

/** One field as Textract read it; `confidence` is the value detection's (0–100). */
export interface RawField {
  readonly type: string;
  readonly label: string | null;
  readonly value: string;
  readonly confidence: number;
  readonly page: number;
  readonly currencyCode: string | null;
  readonly currencyConfidence: number | null;
  /** GroupProperties types, e.g. `VENDOR` or `RECEIVER`. */
  readonly groups: readonly string[];
}

/** A LINE block: the page's text as Textract read it, with its box as fractions of the page. */
export interface PageLine extends TextLine {
  readonly page: number;
}

export interface ExpenseContent {
  readonly summary: readonly RawField[];
  /** The LINE blocks of every document, when the response carries them (AnalyzeExpense does). */
  readonly lines: readonly PageLine[];
  /** One entry per line item, in reading order across documents and pages. */
  readonly lineItems: readonly (readonly RawField[])[];
  readonly pageCount: number;
}

/** What the parser's types leave out of an expense field. */
type FieldExtras = Pick<SdkExpenseField, 'Currency' | 'GroupProperties'>;

/** Reads one or several responses (the pages of an async job) as one document. */
export function readExpense(responses: readonly ExpenseResponse[]): ExpenseContent {
  const docs = responses.flatMap((r) => new TextractExpense(toParserResponse(r)).listDocs());
  const summary = docs.flatMap((doc) => doc.listSummaryFields().map(toRawField));
  const lineItems = docs.flatMap((doc) =>
    doc
      .listLineItemGroups()
      .flatMap((group) => group.listLineItems().map((item) => item.listFields().map(toRawField))),
  );
  const pages = [
    ...responses.map((r) => r.DocumentMetadata?.Pages ?? 0),
    ...summary.map((f) => f.page),
    ...lineItems.flat().map((f) => f.page),
  ];
  const lines = responses.flatMap((r) =>
    (r.ExpenseDocuments ?? []).flatMap((doc) => linesOf(doc.Blocks ?? [])),
  );
  return { summary, lines, lineItems, pageCount: Math.max(1, ...pages) };
}

function linesOf(blocks: readonly Block[]): PageLine[] {
  return blocks.flatMap((block) => {
    const box = block.Geometry?.BoundingBox;
    if (block.BlockType !== 'LINE' || block.Text === undefined || box === undefined) return [];
    const [left, top] = [box.Left ?? 0, box.Top ?? 0];
    return [
      {
        text: block.Text,
        left,
        top,
        right: left + (box.Width ?? 0),
        bottom: top + (box.Height ?? 0),
        confidence: block.Confidence ?? 99,
        page: block.Page ?? 1,
      },
    ];
  });
}

function toRawField(field: ExpenseField): RawField {
  const extras = field.dict as ApiExpenseField & FieldExtras;
  return {
    type: field.fieldType.text,
    label: field.label?.text ?? null,
    value: field.value.text,
    confidence: field.value.confidence,
    page: field.pageNumber,
    currencyCode: extras.Currency?.Code ?? null,
    currencyConfidence: extras.Currency?.Confidence ?? null,
    groups: (extras.GroupProperties ?? []).flatMap((g) => g.Types ?? []),
  };
}

/**
 * The SDK marks every member optional, the parser expects them present: fill the gaps once here so
 * a field without a value or a type reads as empty instead of throwing deep inside the parser.
 */
function toParserResponse(response: ExpenseResponse): ApiAnalyzeExpenseResponse {
  return {
    DocumentMetadata: { Pages: response.DocumentMetadata?.Pages ?? 0 },
    ExpenseDocuments: (response.ExpenseDocuments ?? []).map((doc, d) => ({
      ExpenseIndex: doc.ExpenseIndex ?? d + 1,
      SummaryFields: (doc.SummaryFields ?? []).map(toParserField),
      LineItemGroups: (doc.LineItemGroups ?? []).map((group, g) => ({
        LineItemGroupIndex: group.LineItemGroupIndex ?? g + 1,
        LineItems: (group.LineItems ?? []).map((item) => ({
          LineItemExpenseFields: (item.LineItemExpenseFields ?? []).map(toParserField),
        })),
      })),
    })),
  };
}

function toParserField(field: SdkExpenseField): ApiExpenseField & FieldExtras {
  return {
    Type: { Text: field.Type?.Text ?? '', Confidence: field.Type?.Confidence ?? 0 },
    LabelDetection: field.LabelDetection ? detection(field.LabelDetection) : undefined,
    ValueDetection: detection(field.ValueDetection),
    PageNumber: field.PageNumber ?? 1,
    Currency: field.Currency,
    GroupProperties: field.GroupProperties,
  };
}

/** Geometry is dropped: Tower never uses it, and responses without it must parse alike. */
function detection(d: ExpenseDetection | undefined): ApiExpenseComponentDetection {
  return { Text: d?.Text ?? '', Confidence: d?.Confidence ?? 0 };
}
