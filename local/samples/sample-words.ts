import type { CurrencyCode, Language } from './invoice-spec.ts';

/**
 * Made-up names, streets and goods per language for random invoices. Only characters that pdf-lib's
 * standard fonts can encode (WinAnsi): umlauts, accents, `€`, `£`, `°` and `–` are fine.
 */

export interface WordPool {
  readonly surnames: readonly string[];
  readonly trades: readonly string[];
  readonly legalForms: readonly string[];
  readonly customers: readonly string[];
  readonly streets: readonly string[];
  readonly cities: readonly string[];
  readonly goods: readonly string[];
  /** Invoice number shapes: `#` is a digit, `Y` the invoice year. */
  readonly idShapes: readonly string[];
  /** Currencies and how often each is drawn (repeats weigh more). */
  readonly currencies: readonly CurrencyCode[];
}

export const wordPools: Readonly<Record<Language, WordPool>> = {
  en: {
    surnames: ['Acme', 'Northwind', 'Bluehill', 'Greenfield', 'Riverside', 'Oakridge', 'Harbor & Finch'],
    trades: ['Supplies', 'Consulting', 'Traders', 'Print Works', 'Logistics', 'Office Systems'],
    legalForms: ['Ltd', 'LLC', 'Inc.', 'Co.', 'PLC'],
    customers: [
      'Contoso Holdings',
      'Fabrikam Retail',
      'Wide World Importers',
      'Tailspin Travel',
      'Litware Labs',
    ],
    streets: ['High Street', 'Market Road', 'Oak Avenue', 'Station Lane', 'Mill Road', 'Elm Drive'],
    cities: [
      'London EC1A 1BB',
      'Manchester M1 2AB',
      'Springfield, IL 62704',
      'Portland, OR 97201',
      'Leeds LS1 4DY',
    ],
    goods: [
      'Consulting services',
      'Software license (annual)',
      'Office chairs',
      'Printer toner cartridge',
      'On-site support',
      'Cloud hosting – monthly plan',
      'Network switch 24-port',
      'Training workshop',
    ],
    idShapes: ['INV-Y-####', 'INV####', 'Y-#####', 'A-####-##'],
    currencies: ['USD', 'USD', 'GBP', 'EUR'],
  },
  de: {
    surnames: ['Brandt', 'Keller', 'Hoffmann', 'Weber', 'Grünwald', 'Schäfer', 'Krüger & Söhne'],
    trades: ['Logistik', 'Software', 'Bau', 'Druckerei', 'Elektrotechnik', 'Gebäudeservice'],
    legalForms: ['GmbH', 'AG', 'KG', 'GmbH & Co. KG', 'e.K.'],
    customers: [
      'Stadtwerke Musterstadt',
      'Bäckerei Lange',
      'Autohaus Reuter',
      'Praxis Dr. Vogel',
      'Hotel Seeblick',
    ],
    streets: ['Hauptstraße', 'Bahnhofstraße', 'Lindenweg', 'Am Markt', 'Gartenstraße', 'Schillerplatz'],
    cities: ['10115 Berlin', '20095 Hamburg', '80331 München', '50667 Köln', '04109 Leipzig'],
    goods: [
      'Beratungsleistung',
      'Softwarelizenz (jährlich)',
      'Bürostühle',
      'Wartung Heizungsanlage',
      'Montage vor Ort',
      'Druckerpapier A4, 500 Blatt',
      'Reisekostenpauschale',
      'Schulung Datenschutz',
    ],
    idShapes: ['RE-Y-####', 'Y/#####', 'R####', 'RG-####-##'],
    currencies: ['EUR', 'EUR', 'EUR', 'CHF'],
  },
  fr: {
    surnames: ['Moreau', 'Dupont & Fils', 'Lefèvre', 'Garnier', 'Rivière', 'Chevalier', 'Bonnet'],
    trades: ['Transports', 'Menuiserie', 'Éditions', 'Conseil', 'Informatique', 'Nettoyage'],
    legalForms: ['SARL', 'SAS', 'SA', 'EURL'],
    customers: [
      'Mairie de Villeneuve',
      'Boulangerie Petit',
      'Hôtel du Lac',
      'Cabinet Martin',
      'Librairie Colette',
    ],
    streets: [
      'rue de la Paix',
      'rue Victor Hugo',
      'avenue Jean Jaurès',
      'boulevard Voltaire',
      'rue du Moulin',
    ],
    cities: ['75002 Paris', '69001 Lyon', '13001 Marseille', '31000 Toulouse', '44000 Nantes'],
    goods: [
      'Prestation de conseil',
      'Licence logiciel (annuelle)',
      'Chaises de bureau',
      'Maintenance chaudière',
      'Installation sur site',
      'Ramettes papier A4',
      'Frais de déplacement',
      'Formation sécurité',
    ],
    idShapes: ['F-Y-####', 'FA####', 'Y-#####', 'FAC-####-##'],
    currencies: ['EUR', 'EUR', 'EUR', 'CHF'],
  },
};

/** Tax rates in basis points: the usual rates where each language and currency meet. */
const ratesByLanguage: Readonly<Record<Language, Partial<Record<CurrencyCode, readonly number[]>>>> = {
  en: { USD: [825, 700, 600, 1025], GBP: [2000, 500], EUR: [2300, 2000] },
  de: { EUR: [1900, 700] },
  fr: { EUR: [2000, 1000, 550] },
};
const ratesByCurrency: Readonly<Record<CurrencyCode, readonly number[]>> = {
  EUR: [1900, 2000, 2100],
  USD: [825, 700],
  GBP: [2000],
  CHF: [810, 260],
};

export function taxRatesFor(language: Language, currency: CurrencyCode): readonly number[] {
  return ratesByLanguage[language][currency] ?? ratesByCurrency[currency];
}
