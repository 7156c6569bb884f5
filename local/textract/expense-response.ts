import { randomUUID } from 'node:crypto';
import type { AnalyzeExpenseResponse, Block, ExpenseDetection, ExpenseField } from '@aws-sdk/client-textract';
import { currencyOf } from './currency.ts';
import type { DetectedField, DetectedLineItem, Span } from './detected.ts';
import { geometryOf, type PageSize, quadOfBox, unionBox } from './geometry.ts';
import type { Line, Word } from './text-layout.ts';

/**
 * Detections in AnalyzeExpense's response shape, as recorded from the service: one ExpenseDocument
 * with SummaryFields, LineItemGroups and Blocks (PAGE, then every LINE, then every WORD, linked by
 * CHILD relationships), geometry as fractions of the page.
 */

/** A text layer is read, not recognised: one high confidence for everything. */
export const textLayerConfidence = 99;

export interface PageAnalysis {
  readonly page: PageSize;
  readonly lines: readonly Line[];
  readonly summaryFields: readonly DetectedField[];
  readonly lineItems: readonly DetectedLineItem[];
}

export interface ResponseOptions {
  /** Block ids; random UUIDs like the service's unless a test wants them stable. */
  readonly newId?: () => string;
}

export function expenseResponse(
  analysis: PageAnalysis,
  options: ResponseOptions = {},
): AnalyzeExpenseResponse {
  const toField = (field: DetectedField) => expenseField(field, analysis.page);
  return {
    DocumentMetadata: { Pages: 1 },
    ExpenseDocuments: [
      {
        ExpenseIndex: 1,
        SummaryFields: analysis.summaryFields.map(toField),
        LineItemGroups:
          analysis.lineItems.length === 0
            ? []
            : [
                {
                  LineItemGroupIndex: 1,
                  LineItems: analysis.lineItems.map((item) => ({
                    LineItemExpenseFields: item.fields.map(toField),
                  })),
                },
              ],
        Blocks: blocks(analysis.lines, analysis.page, options.newId ?? randomUUID),
      },
    ],
  };
}

const amountTypes = new Set(['SUBTOTAL', 'TAX', 'TOTAL', 'AMOUNT_DUE', 'UNIT_PRICE', 'PRICE']);

function expenseField(field: DetectedField, page: PageSize): ExpenseField {
  const code = amountTypes.has(field.type) ? currencyOf(field.value.text) : null;
  return {
    Type: { Text: field.type, Confidence: textLayerConfidence },
    ...(field.label === null ? {} : { LabelDetection: detection(field.label, page) }),
    ValueDetection: detection(field.value, page),
    PageNumber: 1,
    ...(code === null ? {} : { Currency: { Code: code, Confidence: textLayerConfidence } }),
  };
}

function detection(span: Span, page: PageSize): ExpenseDetection {
  return {
    Text: span.text,
    Geometry: geometryOf(quadOfBox(unionBox(span.words.map((w) => w.box))), page),
    Confidence: confidenceOf(span.words),
  };
}

/** OCR's mean word confidence; a text layer's words carry none and get the fixed high one. */
function confidenceOf(words: readonly Word[]): number {
  if (words.length === 0) return textLayerConfidence;
  const sum = words.reduce((total, w) => total + (w.confidence ?? textLayerConfidence), 0);
  return Math.round((sum / words.length) * 100) / 100;
}

function blocks(lines: readonly Line[], page: PageSize, newId: () => string): Block[] {
  const lineBlocks: Block[] = [];
  const wordBlocks: Block[] = [];
  for (const line of lines) {
    const wordIds = line.words.map((word) => {
      const Id = newId();
      wordBlocks.push({
        BlockType: 'WORD',
        Confidence: word.confidence ?? textLayerConfidence,
        Text: word.text,
        TextType: 'PRINTED',
        Geometry: geometryOf(word.quad, page),
        Id,
        Page: 1,
      });
      return Id;
    });
    lineBlocks.push({
      BlockType: 'LINE',
      Confidence: confidenceOf(line.words),
      Text: line.text,
      Geometry: geometryOf(quadOfBox(line.box), page),
      Id: newId(),
      Relationships: [{ Type: 'CHILD', Ids: wordIds }],
    });
  }
  const pageBlock: Block = {
    BlockType: 'PAGE',
    Geometry: geometryOf(quadOfBox({ left: 0, top: 0, right: page.width, bottom: page.height }), page),
    Id: newId(),
    Relationships: [{ Type: 'CHILD', Ids: lineBlocks.flatMap((b) => (b.Id === undefined ? [] : [b.Id])) }],
  };
  return [pageBlock, ...lineBlocks, ...wordBlocks];
}
