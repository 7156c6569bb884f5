import type { Field, InvoiceHeader } from '../domain/invoice.ts';
import type { RiskBand, ScoreResult } from '../domain/workflow.ts';
import { isIsoDate } from './dates.ts';
import { isAmount } from './money.ts';
import type { InvoiceRuleParameters } from './parameters.ts';

/**
 * The facts the rule set is evaluated against: plain JSON (so its hash is the audited input hash),
 * already normalised, so the rules compare values and never parse them.
 */

/** The header fields every invoice must carry with enough confidence. */
export const checkedFields = ['vendor', 'invoiceNumber', 'invoiceDate', 'total', 'currency'] as const;
export type CheckedField = (typeof checkedFields)[number];

/** Score features that always need a person when they fire (named as the score step names them). */
export const signalFeatures = ['duplicateInvoiceNumber', 'bankDetailsChanged'] as const;
export type SignalFeature = (typeof signalFeatures)[number];

const bandRank: Readonly<Record<RiskBand, number>> = { low: 0, medium: 1, high: 2 };

export interface FieldFact {
  /** The field is there and usable (a real date, an exact amount, a currency code). */
  readonly present: boolean;
  readonly confidence: number | null;
  /** The rule set's threshold for this field. */
  readonly minConfidence: number;
}

export interface RuleFacts {
  readonly invoice: {
    /** Vendor name as read, for reasons that name it. */
    readonly vendor: string | null;
    /** Vendor name, lowercased with punctuation and spacing collapsed, for matching in rule data. */
    readonly vendorKey: string | null;
    readonly invoiceNumber: string | null;
    readonly currency: string | null;
    readonly total: string | null;
    readonly invoiceDate: string | null;
    readonly dueDate: string | null;
  };
  readonly fields: Readonly<Record<CheckedField, FieldFact>>;
  readonly score: {
    readonly band: RiskBand;
    readonly bandRank: number;
    readonly degraded: boolean;
    readonly degradedReason: string | null;
    readonly signals: Readonly<Record<SignalFeature, boolean>>;
    /** No completed invoice of this vendor is on record. */
    readonly newVendor: boolean;
  };
  /** The deployment's thresholds (CDK context `processes.invoice.rules`). */
  readonly parameters: {
    readonly amountThreshold: string;
    readonly riskBandRequiringApproval: RiskBand;
    readonly riskBandRank: number;
    readonly secondApproverAbove: string | null;
    readonly newVendorRequiresApproval: boolean;
  };
}

/** The same key as vendorIdOf (domain/vendors.ts) hashes, kept readable for rule data. */
export function vendorKeyOf(vendorName: string): string {
  return vendorName
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function text(field: Field | null): string | null {
  const value = field?.value.trim();
  return value ? value : null;
}

function fieldFact(field: Field | null, present: boolean, minConfidence: number): FieldFact {
  return { present, confidence: field?.confidence ?? null, minConfidence };
}

/** A signal fires when the score's feature value is positive (whether or not it made the rationale). */
function signalOf(score: ScoreResult, feature: SignalFeature): boolean {
  return (score.features[feature] ?? 0) > 0;
}

export function buildFacts(
  invoice: InvoiceHeader,
  score: ScoreResult,
  parameters: InvoiceRuleParameters,
  fieldConfidence: Readonly<Record<CheckedField, number>>,
): RuleFacts {
  const vendor = text(invoice.vendor);
  const vendorKey = vendor === null ? null : vendorKeyOf(vendor) || null;
  const currencyText = text(invoice.currency)?.toUpperCase() ?? null;
  const currency = currencyText !== null && /^[A-Z]{3}$/.test(currencyText) ? currencyText : null;
  const totalText = text(invoice.total);
  const total = isAmount(totalText) ? totalText : null;
  const invoiceDateText = text(invoice.invoiceDate);
  const invoiceDate = isIsoDate(invoiceDateText) ? invoiceDateText : null;
  const dueDateText = text(invoice.dueDate);
  const invoiceNumber = text(invoice.invoiceNumber);
  return {
    invoice: {
      vendor,
      vendorKey,
      invoiceNumber,
      currency,
      total,
      invoiceDate,
      dueDate: isIsoDate(dueDateText) ? dueDateText : null,
    },
    fields: {
      vendor: fieldFact(invoice.vendor, vendorKey !== null, fieldConfidence.vendor),
      invoiceNumber: fieldFact(invoice.invoiceNumber, invoiceNumber !== null, fieldConfidence.invoiceNumber),
      invoiceDate: fieldFact(invoice.invoiceDate, invoiceDate !== null, fieldConfidence.invoiceDate),
      total: fieldFact(invoice.total, total !== null, fieldConfidence.total),
      currency: fieldFact(invoice.currency, currency !== null, fieldConfidence.currency),
    },
    score: {
      band: score.band,
      bandRank: bandRank[score.band],
      degraded: score.degraded,
      degradedReason: score.degradedReason ?? null,
      signals: {
        duplicateInvoiceNumber: signalOf(score, 'duplicateInvoiceNumber'),
        bankDetailsChanged: signalOf(score, 'bankDetailsChanged'),
      },
      newVendor: (score.features.newVendor ?? 0) > 0,
    },
    parameters: {
      amountThreshold: parameters.amountThreshold,
      riskBandRequiringApproval: parameters.riskBandRequiringApproval,
      riskBandRank: bandRank[parameters.riskBandRequiringApproval],
      secondApproverAbove: parameters.secondApproverAbove,
      newVendorRequiresApproval: parameters.newVendorRequiresApproval,
    },
  };
}
