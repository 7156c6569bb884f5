import type { Field } from '../domain/invoice.ts';
import type { ExpenseContent, RawField } from './expense-fields.ts';
import { candidateName, issuerName } from './issuer.ts';
import { domainWords } from './issuer-ties.ts';
import { rankFields, roundConfidence } from './pick-field.ts';
import { type NamedVendorEvidence, type VendorFinding, vendorEvidence } from './vendor-evidence.ts';
import { normaliseVendorName } from './vendor-name.ts';

/**
 * The vendor: Textract's VENDOR_NAME, else a NAME in the VENDOR group, else the issuer block of the
 * first page's lines, else the issuer's web or mail domain (a guess, reported as one). A name that
 * is only a document word (`INVOICE`, `Kopie factuur`) is never taken, nor one the page shows as the
 * customer's: each comes with what ties it to the issuer, for the calibration to weigh.
 */

export interface PickedVendor {
  readonly field: Field;
  readonly evidence: NamedVendorEvidence;
  readonly ties: VendorFinding['ties'];
}

export type VendorPick =
  | PickedVendor
  | { readonly kind: 'unparseable' | 'missing' }
  /** Every name read is the customer's. */
  | { readonly kind: 'customer'; readonly name: string };

/** A name read off a domain (`amazon.com`) is a guess for a person to confirm. */
const domainConfidence = 50;

export function pickVendor(content: ExpenseContent): VendorPick {
  const { summary } = content;
  const named = [
    ...rankFields(summary, (f) => f.type === 'VENDOR_NAME'),
    ...rankFields(summary, (f) => f.type === 'NAME' && f.groups.includes('VENDOR')),
  ];
  let customer: string | null = null;
  for (const field of named) {
    const name = cleanName(field.value);
    if (name === null) continue;
    const { evidence, ties } = vendorEvidence(content, name);
    if (evidence !== 'customer')
      return { field: { value: name, confidence: roundConfidence(field.confidence) }, evidence, ties };
    customer ??= name;
  }
  const issuer = fromIssuerBlock(content);
  if (issuer !== null) return issuer;
  const domain = fromDomain(summary);
  if (domain !== null) return { field: domain, evidence: 'domain', ties: null };
  if (customer !== null) return { kind: 'customer', name: customer };
  return { kind: named.length > 0 ? 'unparseable' : 'missing' };
}

function cleanName(text: string): string | null {
  const name = normaliseVendorName(text);
  if (name === null) return null;
  const candidate = candidateName(name);
  return candidate === null ? null : (normaliseVendorName(candidate.text) ?? null);
}

function fromIssuerBlock(content: ExpenseContent): PickedVendor | null {
  const lines = content.lines.filter((l) => l.page === 1);
  // The customer's block and the table's rows are never the issuer.
  const elsewhere = [
    ...content.summary.filter((f) => f.type.startsWith('RECEIVER_') || f.groups.includes('RECEIVER')),
    ...content.lineItems.flat(),
  ].map((f) => f.value);
  const exclude = new Set(
    lines.flatMap((line, i) => (elsewhere.some((value) => value.includes(line.text)) ? [i] : [])),
  );
  const issuer = issuerName(lines, { exclude, pageHeight: 1 });
  const name = issuer === null ? null : cleanName(issuer.name);
  if (issuer === null || name === null) return null;
  const { evidence, ties } = vendorEvidence(content, name);
  return evidence === 'customer'
    ? null
    : { field: { value: name, confidence: roundConfidence(issuer.confidence) }, evidence, ties };
}

/** `Amazon.com` as printed, else the domain of the vendor's URL or mail address (`amazon.com`). */
function fromDomain(summary: readonly RawField[]): Field | null {
  const urls = rankFields(summary, (f) => f.type === 'VENDOR_URL' || f.type === 'VENDOR_EMAIL');
  const bare = urls.find((f) => /^[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.[a-z]{2,}$/iu.test(f.value.trim()));
  const chosen = bare ?? urls[0];
  if (chosen === undefined) return null;
  const host =
    bare?.value.trim() ??
    /(?:@|\/\/|^)(?:www\.)?([\p{L}\d-]+(?:\.[\p{L}\d-]+)+)/iu.exec(chosen.value.replace(/\s+/gu, ''))?.[1];
  if (host === undefined || domainWords(`www.${host}`).length === 0) return null;
  return { value: host, confidence: roundConfidence(Math.min(chosen.confidence, domainConfidence)) };
}
