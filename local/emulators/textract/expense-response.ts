import { randomUUID } from 'node:crypto';
import type { AnalyzeExpenseResponse, Block, ExpenseDetection, ExpenseField } from '@aws-sdk/client-textract';
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
  /** Whether the OCR (if the page was recognised) has a model for the page's language. @default true */
  readonly ocrModelled?: boolean;
}

export interface ResponseOptions {
  /** Block ids; random UUIDs like the service's unless a test wants them stable. */
  readonly newId?: () => string;
}

/** The currency an amount shows (the reader's), or null. */
type CurrencyOf = (value: string) => string | null;

export function expenseResponse(
  analysis: PageAnalysis,
  options: ResponseOptions & { readonly currencyOf?: CurrencyOf } = {},
): AnalyzeExpenseResponse {
  const currencyOf = options.currencyOf ?? (() => null);
  const toField = (field: DetectedField) =>
    expenseField(field, analysis.page, analysis.ocrModelled ?? true, currencyOf);
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

const amountTypes = new Set(['SUBTOTAL', 'TAX', 'TOTAL', 'AMOUNT_DUE', 'DISCOUNT', 'UNIT_PRICE', 'PRICE']);
/**
 * Names are compared letter for letter, and the local OCR drops or swaps accents (`Garcia` for
 * `García`, `Lôpez` for `López`) and letter case (`inc.` for `Inc.`) with high word confidences. On
 * the bench's tune set (npm run bench:extraction -- --set tune) recognised vendor names were exact 78 %
 * of the time in the languages the OCR has a model for and 44 % in the others, and never 99 % at any
 * word confidence: so a recognised name's confidence is scaled below the rules' vendor threshold (80)
 * from the best word confidence seen (93), and scaled again when it has accents or no model.
 */
const nameTypes = new Set(['VENDOR_NAME', 'RECEIVER_NAME']);
const recognisedNameFactor = 0.85;
const riskierNameFactor = 0.88;

function nameFactor(field: DetectedField, modelled: boolean): number {
  if (!nameTypes.has(field.type) || !field.value.words.some((w) => w.confidence !== undefined)) return 1;
  const accented = /[^\p{ASCII}]/u.test(field.value.text.normalize('NFC').replace(/[^\p{L}]/gu, ''));
  return recognisedNameFactor * (accented || !modelled ? riskierNameFactor : 1);
}

function expenseField(
  field: DetectedField,
  page: PageSize,
  modelled: boolean,
  currencyOf: CurrencyOf,
): ExpenseField {
  const code = amountTypes.has(field.type) ? currencyOf(field.value.text) : null;
  const value = detection(field.value, page, (field.factor ?? 1) * nameFactor(field, modelled));
  return {
    Type: { Text: field.type, Confidence: textLayerConfidence },
    ...(field.label === null ? {} : { LabelDetection: detection(field.label, page) }),
    ValueDetection: value,
    PageNumber: 1,
    ...(code === null
      ? {}
      : { Currency: { Code: code, Confidence: value.Confidence ?? textLayerConfidence } }),
  };
}

/**
 * A field is read right only when every word of it is: its confidence is its least sure word's
 * (OCR's), times what its placement on the page says (`factor`).
 */
function detection(span: Span, page: PageSize, factor = 1): ExpenseDetection {
  const least = Math.min(...span.words.map((w) => w.confidence ?? textLayerConfidence));
  const confidence = span.words.length === 0 ? textLayerConfidence : least;
  return {
    Text: span.text,
    Geometry: geometryOf(quadOfBox(unionBox(span.words.map((w) => w.box))), page),
    Confidence: Math.round(confidence * factor * 100) / 100,
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
