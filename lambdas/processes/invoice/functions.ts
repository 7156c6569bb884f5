import { appendOnly, type FunctionSpec, handlerPath } from '../../platform/registry/functions.ts';
import { bucketPrefixes } from '../../platform/registry/names.ts';

const entry = (relative: string) => handlerPath(import.meta.url, relative);
const spec = (s: FunctionSpec): FunctionSpec => s;

/**
 * The invoice process's own functions: Textract expense extraction (admitted at the account's rate by
 * the platform's admission pieces), vendor-risk scoring, the rules, and finishing with vendor history.
 */
export const invoiceFunctions: readonly FunctionSpec[] = [
  spec({
    id: 'extract',
    entry: entry('./extract/handler.ts'),
    description:
      'Admits extraction requests at the Textract rate: AnalyzeExpense for one page, StartExpenseAnalysis for more',
    memoryMb: 1024,
    timeoutSeconds: 120,
    tables: { extraction: ['put', 'delete'], audit: appendOnly },
    bucket: [
      { area: 'intake', access: ['read', 'readVersion'] },
      { area: bucketPrefixes.extractions, access: ['read', 'write', 'list'] },
    ],
    textract: ['textract:AnalyzeExpense', 'textract:StartExpenseAnalysis'],
    sendsTaskResults: ['success', 'failure'],
    startsTextractJobs: 'extraction-completions',
    needsTextractRates: true,
    inspectsDocuments: true,
    defersOn: 'extraction',
  }),
  spec({
    id: 'complete-extraction',
    entry: entry('./complete-extraction/handler.ts'),
    description: 'Reads a finished Textract expense job, page by page, and resumes the waiting workflow',
    memoryMb: 1024,
    timeoutSeconds: 120,
    tables: { extraction: ['get', 'update', 'delete'], audit: appendOnly },
    // Stores the pages it read; never reads a stored artifact back (recordExtraction only writes).
    bucket: [{ area: bucketPrefixes.extractions, access: ['write'] }],
    textract: ['textract:GetExpenseAnalysis'],
    sendsTaskResults: ['success', 'failure'],
  }),
  spec({
    id: 'recover-extraction',
    entry: entry('./recover-extraction/handler.ts'),
    description: 'After an extraction wait times out, reads the result or the job status directly',
    memoryMb: 1024,
    timeoutSeconds: 120,
    tables: { extraction: ['get'], audit: appendOnly },
    bucket: [{ area: bucketPrefixes.extractions, access: ['read', 'write', 'list'] }],
    textract: ['textract:GetExpenseAnalysis'],
  }),
  spec({
    id: 'score',
    entry: entry('./score/handler.ts'),
    description: 'Scores vendor risk with the versioned model, or the heuristic fallback',
    memoryMb: 512,
    timeoutSeconds: 30,
    tables: { vendors: ['query'], audit: appendOnly },
  }),
  spec({
    id: 'rules',
    entry: entry('./rules/handler.ts'),
    description:
      'Applies the versioned payment-terms and approval rules, and words what a person must decide',
    memoryMb: 512,
    timeoutSeconds: 30,
    tables: { audit: appendOnly },
    needsRuleParameters: true,
  }),
  spec({
    id: 'invoice-finalize',
    entry: entry('./finalize/handler.ts'),
    description:
      'Finishes an invoice as the platform does (result, status, audit) and records it in the vendor history',
    memoryMb: 512,
    timeoutSeconds: 30,
    tables: { documents: ['get', 'update'], vendors: ['put'], audit: appendOnly },
    bucket: [
      { area: bucketPrefixes.extractions, access: ['read'] },
      // read: a refused create-only write compares the stored result by hash
      { area: bucketPrefixes.results, access: ['read', 'write'] },
    ],
  }),
];
