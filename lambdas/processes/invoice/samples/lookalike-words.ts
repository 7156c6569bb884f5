import type { Language } from './invoice-spec.ts';

/**
 * What the lookalike layouts print besides the labels: the customer block's label, the customer
 * number's, a discount's two lines, and the words of a band across the top (a slogan, the trades:
 * words that sit large and high, where a reader looks for the issuer's name).
 */

export interface LookalikeWords {
  /** Above the customer's block (`Rechnungsadresse`, `Facturé à`, `Afleveradres`). */
  readonly customerBlock: string;
  /** Beside the customer's block (`Kundennummer`, `N° client`). */
  readonly customerNumber: string;
  /** `Discount 20%`. */
  readonly discount: (rate: string) => string;
  /** The subtotal less the discount, which tax is charged on. */
  readonly afterDiscount: string;
  /** Bands across the top of the page. */
  readonly bands: readonly string[];
}

export const lookalikeWords: Readonly<Record<Language, LookalikeWords>> = {
  en: {
    customerBlock: 'Invoice address',
    customerNumber: 'Customer no.',
    discount: (r) => `Discount ${r}%`,
    afterDiscount: 'Net after discount',
    bands: [
      'Service · Repairs · Installation',
      'Your partner for the office',
      'Certified Partner',
      'Quality since 1987',
    ],
  },
  de: {
    customerBlock: 'Rechnungsadresse',
    customerNumber: 'Kundennummer',
    discount: (r) => `Rabatt ${r} %`,
    afterDiscount: 'Netto nach Rabatt',
    bands: [
      'Service · Reparatur · Montage',
      'Ihr Partner für das Büro',
      'Meisterbetrieb',
      'Qualität seit 1987',
    ],
  },
  fr: {
    customerBlock: 'Adresse de facturation',
    customerNumber: 'N° client',
    discount: (r) => `Remise ${r} %`,
    afterDiscount: 'Net après remise',
    bands: [
      'Service · Dépannage · Installation',
      'Votre partenaire bureautique',
      'Artisan certifié',
      'Qualité depuis 1987',
    ],
  },
  nl: {
    customerBlock: 'Afleveradres',
    customerNumber: 'Klantnummer',
    discount: (r) => `Korting ${r}%`,
    afterDiscount: 'Netto na korting',
    bands: [
      'Service · Reparatie · Montage',
      'Uw partner voor kantoor',
      'Erkend installateur',
      'Kwaliteit sinds 1987',
    ],
  },
  es: {
    customerBlock: 'Dirección de facturación',
    customerNumber: 'Nº cliente',
    discount: (r) => `Descuento ${r} %`,
    afterDiscount: 'Neto tras descuento',
    bands: [
      'Servicio · Reparación · Montaje',
      'Su socio de confianza',
      'Empresa certificada',
      'Calidad desde 1987',
    ],
  },
  it: {
    customerBlock: 'Intestatario fattura',
    customerNumber: 'Cod. cliente',
    discount: (r) => `Sconto ${r}%`,
    afterDiscount: 'Netto scontato',
    bands: [
      'Assistenza · Riparazioni · Montaggio',
      'Il vostro partner di fiducia',
      'Azienda certificata',
      'Qualità dal 1987',
    ],
  },
  pt: {
    customerBlock: 'Morada de faturação',
    customerNumber: 'Nº cliente',
    discount: (r) => `Desconto ${r}%`,
    afterDiscount: 'Líquido após desconto',
    bands: [
      'Serviço · Reparação · Montagem',
      'O seu parceiro de confiança',
      'Empresa certificada',
      'Qualidade desde 1987',
    ],
  },
  pl: {
    customerBlock: 'Nabywca',
    customerNumber: 'Nr klienta',
    discount: (r) => `Rabat ${r}%`,
    afterDiscount: 'Netto po rabacie',
    bands: ['Serwis · Naprawy · Montaż', 'Twój partner w biurze', 'Firma certyfikowana', 'Jakość od 1987'],
  },
};
