import { fileURLToPath } from 'node:url';
import type { ProcessSpec } from '../../platform/registry/process-spec.ts';
import { vendorsTable } from './domain/vendors-table.ts';
import { completionsQueue, extractionQueue } from './extract/queues.ts';
import { invoiceFunctions } from './functions.ts';
import { invoiceRuleParameters } from './rules/parameters.ts';

/** Invoice processing: extract (Textract expense analysis), score vendor risk, apply rules, ask a person when they say so. */
export const invoiceProcess: ProcessSpec = {
  id: 'invoice',
  title: 'Invoice processing',
  version: '2',
  definitionPath: fileURLToPath(new URL('../../../statemachines/invoice.asl.json', import.meta.url)),
  intakePrefix: 'invoices/',
  functions: invoiceFunctions,
  queues: [extractionQueue, completionsQueue],
  tables: [vendorsTable],
  functionPlaceholders: {
    RecoverExtractionFunctionArn: 'recover-extraction',
    ScoreFunctionArn: 'score',
    RulesFunctionArn: 'rules',
    InvoiceFinalizeFunctionArn: 'invoice-finalize',
  },
  queuePlaceholders: { ExtractionQueueUrl: 'extraction' },
  ruleParameters: invoiceRuleParameters,
  standIns: async () => ({
    textract: { expenseReader: (await import('./textract-stand-in/index.ts')).expenseReader },
  }),
};
