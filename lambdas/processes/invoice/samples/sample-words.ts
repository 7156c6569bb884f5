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
  nl: {
    surnames: ['Van Dijk', 'De Vries', 'Bakker', 'Jansen', 'Visser', 'Smit & Zonen', 'Mulder'],
    trades: ['Installatietechniek', 'Transport', 'Drukwerk', 'Advies', 'Schoonmaak', 'Bouw'],
    legalForms: ['B.V.', 'V.O.F.', 'N.V.'],
    customers: [
      'Gemeente Zwolle',
      'Bakkerij De Molen',
      'Hotel Zeezicht',
      'Tandartspraktijk Kok',
      'Sportclub Ajax',
    ],
    streets: ['Kerkstraat', 'Dorpsstraat', 'Stationsweg', 'Marktplein', 'Molenweg'],
    cities: [
      '1012 AB Amsterdam',
      '3011 AD Rotterdam',
      '3511 LX Utrecht',
      '5611 EM Eindhoven',
      '9711 LM Groningen',
    ],
    goods: [
      'Adviesuren',
      'Softwarelicentie (jaar)',
      'Bureaustoelen',
      'Onderhoud cv-ketel',
      'Montage op locatie',
      'Printpapier A4',
      'Reiskosten',
      'Training AVG',
    ],
    idShapes: ['Y-####', 'F####', 'Y#####', 'INV-####'],
    currencies: ['EUR', 'EUR', 'EUR', 'EUR'],
  },
  es: {
    surnames: ['García', 'Martínez', 'López', 'Sánchez', 'Romero', 'Hermanos Ruiz', 'Navarro'],
    trades: ['Transportes', 'Construcciones', 'Asesores', 'Informática', 'Limpiezas', 'Gráficas'],
    legalForms: ['S.L.', 'S.A.', 'S.L.U.'],
    customers: [
      'Ayuntamiento de Toledo',
      'Panadería Sol',
      'Hotel Mirador',
      'Clínica Dental Vega',
      'Librería Cervantes',
    ],
    streets: ['Calle Mayor', 'Avenida de la Constitución', 'Calle del Sol', 'Plaza de España', 'Calle Real'],
    cities: ['28013 Madrid', '08002 Barcelona', '41001 Sevilla', '46002 Valencia', '48001 Bilbao'],
    goods: [
      'Servicios de consultoría',
      'Licencia de software (anual)',
      'Sillas de oficina',
      'Mantenimiento caldera',
      'Instalación in situ',
      'Papel A4, 500 hojas',
      'Gastos de desplazamiento',
      'Formación en seguridad',
    ],
    idShapes: ['A-Y-####', 'FV####', 'Y/####', 'F-####'],
    currencies: ['EUR', 'EUR', 'EUR', 'EUR'],
  },
  it: {
    surnames: ['Rossi', 'Bianchi', 'Ferrari', 'Esposito', 'Romano', 'Colombo & Figli', 'Ricci'],
    trades: ['Trasporti', 'Costruzioni', 'Consulenze', 'Informatica', 'Pulizie', 'Tipografia'],
    legalForms: ['S.r.l.', 'S.p.A.', 'S.n.c.'],
    customers: [
      'Comune di Bergamo',
      'Panificio Rosa',
      'Hotel Belvedere',
      'Studio Dentistico Gallo',
      'Libreria Dante',
    ],
    streets: ['Via Roma', 'Corso Italia', 'Via Garibaldi', 'Piazza Duomo', 'Via Mazzini'],
    cities: ['20121 Milano', '00184 Roma', '10121 Torino', '50123 Firenze', '40121 Bologna'],
    goods: [
      'Servizi di consulenza',
      'Licenza software (annuale)',
      'Sedie da ufficio',
      'Manutenzione caldaia',
      'Installazione in loco',
      'Carta A4, 500 fogli',
      'Spese di trasferta',
      'Corso sicurezza',
    ],
    idShapes: ['Y/####', '####/Y', 'FT-####', 'Y-###'],
    currencies: ['EUR', 'EUR', 'EUR', 'CHF'],
  },
  pt: {
    surnames: ['Silva', 'Santos', 'Ferreira', 'Pereira', 'Costa', 'Oliveira & Filhos', 'Rodrigues'],
    trades: ['Transportes', 'Construções', 'Consultoria', 'Informática', 'Limpezas', 'Gráfica'],
    legalForms: ['Lda.', 'S.A.', 'Unipessoal Lda.'],
    customers: [
      'Câmara Municipal de Braga',
      'Padaria Central',
      'Hotel Miramar',
      'Clínica Dentária Luz',
      'Livraria Bertrand',
    ],
    streets: [
      'Rua Augusta',
      'Avenida da Liberdade',
      'Rua de Santa Catarina',
      'Praça do Comércio',
      'Rua Direita',
    ],
    cities: ['1100-048 Lisboa', '4000-322 Porto', '3000-150 Coimbra', '4700-321 Braga', '8000-100 Faro'],
    goods: [
      'Serviços de consultoria',
      'Licença de software (anual)',
      'Cadeiras de escritório',
      'Manutenção de caldeira',
      'Instalação no local',
      'Papel A4, 500 folhas',
      'Despesas de deslocação',
      'Formação em segurança',
    ],
    idShapes: ['FT Y/####', 'FT ####', 'FR Y/###', 'F####'],
    currencies: ['EUR', 'EUR', 'EUR', 'EUR'],
  },
  pl: {
    surnames: ['Kowalski', 'Nowak', 'Wiśniewski', 'Wójcik', 'Kamiński', 'Zieliński i Synowie', 'Lewandowski'],
    trades: ['Transport', 'Budownictwo', 'Doradztwo', 'Informatyka', 'Usługi Sprzątające', 'Drukarnia'],
    legalForms: ['Sp. z o.o.', 'S.A.', 'sp.j.'],
    customers: [
      'Urząd Miasta Gdańsk',
      'Piekarnia Mazur',
      'Hotel Panorama',
      'Gabinet Stomatologiczny',
      'Księgarnia Polna',
    ],
    streets: ['ul. Długa', 'ul. Marszałkowska', 'ul. Piotrkowska', 'al. Jerozolimskie', 'ul. Floriańska'],
    cities: ['00-950 Warszawa', '30-001 Kraków', '90-001 Łódź', '80-001 Gdańsk', '50-001 Wrocław'],
    goods: [
      'Usługi doradcze',
      'Licencja na oprogramowanie (roczna)',
      'Krzesła biurowe',
      'Serwis kotła',
      'Montaż na miejscu',
      'Papier A4, 500 arkuszy',
      'Koszty podróży',
      'Szkolenie BHP',
    ],
    idShapes: ['FV/####/Y', 'FV Y/##/###', '####/Y', 'F/Y/####'],
    currencies: ['PLN', 'PLN', 'PLN', 'EUR'],
  },
};

/** Tax rates in basis points: the usual rates where each language and currency meet. */
const ratesByLanguage: Readonly<Record<Language, Partial<Record<CurrencyCode, readonly number[]>>>> = {
  en: { USD: [825, 700, 600, 1025], GBP: [2000, 500], EUR: [2300, 2000] },
  de: { EUR: [1900, 700] },
  fr: { EUR: [2000, 1000, 550] },
  nl: { EUR: [2100, 900] },
  es: { EUR: [2100, 1000] },
  it: { EUR: [2200, 1000], CHF: [810] },
  pt: { EUR: [2300, 1300, 600] },
  pl: { PLN: [2300, 800], EUR: [2300] },
};
const ratesByCurrency: Readonly<Record<CurrencyCode, readonly number[]>> = {
  EUR: [1900, 2000, 2100],
  USD: [825, 700],
  GBP: [2000],
  CHF: [810, 260],
  PLN: [2300],
  INR: [1800, 1200, 500],
};

/**
 * The currencies the newer layouts draw from: the language's own, and for English also rupees and
 * francs, so that regional number formats appear. The two original layouts keep their pools, so
 * their seeds draw what they always drew.
 */
export function currencyPool(words: WordPool, language: Language, modern: boolean): readonly CurrencyCode[] {
  if (!modern) return words.currencies;
  if (language === 'en') return ['USD', 'GBP', 'INR', 'EUR'];
  if (language === 'de' || language === 'fr') return ['EUR', 'EUR', 'CHF', 'EUR'];
  return words.currencies;
}

export function taxRatesFor(language: Language, currency: CurrencyCode): readonly number[] {
  return ratesByLanguage[language][currency] ?? ratesByCurrency[currency];
}
