/**
 * The words invoices use for their fields and table columns, in English, German and French, matched
 * against a whole label after `normaliseLabel` (lower case, accents and a trailing colon dropped).
 */

export type SummaryType =
  | 'INVOICE_RECEIPT_ID'
  | 'INVOICE_RECEIPT_DATE'
  | 'DUE_DATE'
  | 'SUBTOTAL'
  | 'TAX'
  | 'TOTAL'
  | 'OTHER';

/** What a label introduces: a summary field, or the customer's block (`Bill to`). */
export type LabelKind = SummaryType | 'RECEIVER';

export type ColumnType = 'ITEM' | 'QUANTITY' | 'UNIT_PRICE' | 'PRICE';

/** `19 %`, `(7.7%)`: a tax rate inside a label. */
const rate = String.raw`(?:\s*\(?\s*\d{1,2}(?:[.,]\d{1,2})?\s*%\s*\)?)?`;

/** Order matters: the first pattern that matches the whole label wins. */
const labelPatterns: readonly (readonly [LabelKind, RegExp])[] = [
  [
    'INVOICE_RECEIPT_ID',
    /^(?:invoice\s*(?:number|no\.?|nr\.?|num\.?|#|id)|inv\.?\s*(?:no\.?|#)|rechnungs?\s*-?\s*(?:nummer|nr\.?)|rechnung\s*(?:nr\.?|#)|beleg\s*-?\s*(?:nummer|nr\.?)|n[°o]\.?\s*(?:de\s*)?facture|numero\s*(?:de\s*)?facture|facture\s*n[°o]\.?|tr\s*#|receipt\s*(?:#|no\.?|number))$/u,
  ],
  [
    'DUE_DATE',
    /^(?:due\s*date|(?:payment\s*)?due(?:\s*(?:by|on|date))?|pay(?:able)?\s*by|falligkeit(?:sdatum)?|fallig\s*(?:am|bis)?|zahlbar\s*bis|zahlungsziel|(?:date\s*d'\s*)?echeance|a\s*payer\s*avant\s*le|date\s*limite\s*de\s*(?:paiement|reglement))$/u,
  ],
  [
    'INVOICE_RECEIPT_DATE',
    /^(?:invoice\s*date|date\s*of\s*(?:issue|invoice)|issue\s*date|date|rechnungsdatum|datum|ausstellungsdatum|belegdatum|date\s*(?:de\s*(?:la\s*)?)?(?:facture|facturation|d'\s*emission)|date\s*d'\s*emission)$/u,
  ],
  [
    'SUBTOTAL',
    /^(?:sub\s*-?\s*total|net\s*(?:amount|total)|total\s*(?:excl\.?|excluding|before)\s*(?:vat|tax)|zwischensumme|netto\s*-?\s*(?:betrag|summe)?|summe\s*netto|gesamt\s*netto|sous\s*-?\s*total(?:\s*ht)?|total\s*ht|montant\s*(?:total\s*)?ht|total\s*hors\s*taxes?)$/u,
  ],
  [
    'TAX',
    new RegExp(
      String.raw`^(?:(?:sales\s*)?tax|vat|gst|mwst\.?|ust\.?|umsatzsteuer|mehrwertsteuer|(?:montant\s*(?:de\s*la\s*)?)?tva)${rate}$`,
      'u',
    ),
  ],
  [
    'TOTAL',
    /^(?:(?:grand\s*|invoice\s*)?total(?:\s*(?:due|amount|ttc|a\s*payer))?|(?:amount|balance)\s*due|gesamt(?:betrag|summe)?|rechnungsbetrag|(?:end|brutto)betrag|summe(?:\s*brutto)?|gesamt\s*brutto|zu\s*zahlen|montant\s*(?:total|ttc|total\s*ttc)|net\s*a\s*payer)$/u,
  ],
  [
    'RECEIVER',
    /^(?:bill(?:ed)?\s*to|invoice\s*to|sold\s*to|customer|rechnung\s*an|rechnungsempfanger|kunde|empfanger|factur[e]?\s*a|client|destinataire)$/u,
  ],
  [
    'OTHER',
    /^(?:iban|bic|swift(?:\s*code)?|bic\s*\/\s*swift|customer\s*(?:no\.?|number|id)|kunden\s*-?\s*(?:nummer|nr\.?)|n[°o]\s*(?:de\s*)?client|(?:vat|tax)\s*(?:id|no\.?|number|reg\.?\s*no\.?)|ust\s*-?\s*id(?:nr\.?)?|steuer\s*-?\s*nr\.?|n[°o]\s*(?:de\s*)?tva(?:\s*intracom(?:munautaire)?)?|p\.?\s*o\.?\s*(?:number|no\.?|#)?|bestellnummer|bon\s*de\s*commande|payment\s*terms|zahlungsbedingungen|conditions\s*de\s*paiement|reference|referenz|ref\.?)$/u,
  ],
];

const columnPatterns: readonly (readonly [ColumnType, RegExp])[] = [
  [
    'ITEM',
    /^(?:description|items?|products?|services?|details|article|beschreibung|bezeichnung|artikel|leistung|produkt|designation|libelle|prestation|produit)$/u,
  ],
  ['QUANTITY', /^(?:qty\.?|quantity|units?|hours|menge|anzahl|stk\.?|stuck|quantite|qte\.?)$/u],
  [
    'UNIT_PRICE',
    /^(?:unit\s*(?:price|cost)|rate|price(?:\s*per\s*unit)?|einzelpreis|e-?\s*preis|stuckpreis|preis|prix\s*unitaire(?:\s*ht)?|p\.?\s*u\.?(?:\s*ht)?|prix)$/u,
  ],
  [
    'PRICE',
    /^(?:amount|total|line\s*total|betrag|gesamt(?:preis|betrag)?|summe|montant(?:\s*ht)?|total(?:\s*ht)?|prix\s*total)$/u,
  ],
];

/** Document titles, never a vendor name. */
const titles = /^(?:(?:tax\s*)?invoice|bill|receipt|rechnung|quittung|facture|note\s*d'\s*honoraires)$/u;

/**
 * Lower case, accents dropped (`Fälligkeit` → `falligkeit`, `Échéance` → `echeance`), one kind of
 * apostrophe, whitespace collapsed, and no trailing colon.
 */
export function normaliseLabel(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’`´]/gu, "'")
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/\s*:$/u, '')
    .trim();
}

export function labelKind(text: string): LabelKind | null {
  const label = normaliseLabel(text);
  return labelPatterns.find(([, pattern]) => pattern.test(label))?.[0] ?? null;
}

export function columnType(text: string): ColumnType | null {
  const header = normaliseLabel(text);
  return columnPatterns.find(([, pattern]) => pattern.test(header))?.[0] ?? null;
}

export function isDocumentTitle(text: string): boolean {
  return titles.test(normaliseLabel(text));
}
