import { data } from '../../platform/data/uses.ts';
import { inspection } from '../../platform/inspection/uses.ts';
import { queues } from '../../platform/queues/uses.ts';
import { type FunctionSpec, handlerPath } from '../../platform/registry/functions.ts';
import { bucketPrefixes } from '../../platform/registry/names.ts';
import { rules } from '../../platform/rules/uses.ts';
import { stores } from '../../platform/stores/uses.ts';
import { textract } from '../../platform/textract/uses.ts';
import { workflows } from '../../platform/workflows/uses.ts';

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
    uses: [
      stores.table('extraction', ['put', 'delete']),
      stores.audit(),
      stores.auditHeads(),
      data.objects('intake', ['read', 'readVersion']),
      data.objects(bucketPrefixes.extractions, ['read', 'write', 'list']),
      textract.analyzeExpense(),
      textract.startExpenseAnalysis('extraction-completions'),
      textract.admission(),
      workflows.sendTaskResults(['success', 'failure']),
      inspection.activeContent(),
      queues.defers('extraction'),
    ],
  }),
  spec({
    id: 'complete-extraction',
    entry: entry('./complete-extraction/handler.ts'),
    description: 'Reads a finished Textract expense job, page by page, and resumes the waiting workflow',
    memoryMb: 1024,
    timeoutSeconds: 120,
    uses: [
      // put: GetExpenseAnalysis rate slots (conditional puts) beside the jobs it reads.
      stores.table('extraction', ['get', 'put', 'update', 'delete']),
      stores.audit(),
      stores.auditHeads(),
      // Stores the pages it read; never reads a stored artifact back (recordExtraction only writes).
      data.objects(bucketPrefixes.extractions, ['write']),
      textract.getExpenseAnalysis(),
      textract.admission(),
      workflows.sendTaskResults(['success', 'failure']),
    ],
  }),
  spec({
    id: 'recover-extraction',
    entry: entry('./recover-extraction/handler.ts'),
    description: 'After an extraction wait times out, reads the result or the job status directly',
    memoryMb: 1024,
    timeoutSeconds: 120,
    uses: [
      // put: GetExpenseAnalysis rate slots (conditional puts).
      stores.table('extraction', ['get', 'put']),
      stores.audit(),
      stores.auditHeads(),
      data.objects(bucketPrefixes.extractions, ['read', 'write', 'list']),
      textract.getExpenseAnalysis(),
      textract.admission(),
    ],
  }),
  spec({
    id: 'score',
    entry: entry('./score/handler.ts'),
    description: 'Scores vendor risk with the versioned model, or the heuristic fallback',
    memoryMb: 512,
    timeoutSeconds: 30,
    uses: [stores.table('vendors', ['query']), stores.audit(), stores.auditHeads()],
  }),
  spec({
    id: 'rules',
    entry: entry('./rules/handler.ts'),
    description:
      'Applies the versioned payment-terms and approval rules, and words what a person must decide',
    memoryMb: 512,
    timeoutSeconds: 30,
    uses: [stores.audit(), stores.auditHeads(), rules.parameters()],
  }),
  spec({
    id: 'invoice-finalize',
    entry: entry('./finalize/handler.ts'),
    description:
      'Finishes an invoice as the platform does (result, status, audit) and records it in the vendor history',
    memoryMb: 512,
    timeoutSeconds: 30,
    uses: [
      stores.table('documents', ['get', 'update']),
      stores.table('vendors', ['put']),
      stores.audit(),
      data.objects(bucketPrefixes.extractions, ['read']),
      // read: a refused create-only write compares the stored result by hash
      data.objects(bucketPrefixes.results, ['read', 'write']),
    ],
  }),
];
