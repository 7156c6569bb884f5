import { capabilities } from '../../lambdas/platform/capabilities.ts';
import { sha256Hex } from '../../lambdas/platform/shared/hash.ts';
import { terminalStatuses } from '../../lambdas/platform/shared/status.ts';
import { documentIdOf } from '../../lambdas/platform/shared/workflow.ts';
import { processes } from '../../lambdas/processes/index.ts';
import { invoicePdf, randomInvoiceSpec } from '../../lambdas/processes/invoice/samples/index.ts';
import type { TextractServer } from '../../local/emulators/textract/server.ts';
import { inPool } from '../../local/runtime/pool.ts';
import { startLocalRuntime } from '../../local/runtime/runtime.ts';
import { inspect } from '../common/inspect.ts';
import { type AdmissionReport, measureAdmission } from './measure.ts';

export interface AdmissionOptions {
  readonly documents: number;
  /** The account's AnalyzeExpense rate, configured and enforced by the local Textract alike. */
  readonly rate: number;
  readonly timeoutSeconds: number;
  readonly log: (line: string) => void;
}

/**
 * Drops a burst of single-page invoices into the local runtime whose Textract enforces `rate`
 * calls per second (answering throttling errors above it, like the service), and measures admission.
 */
export async function runAdmissionBench(options: AdmissionOptions): Promise<AdmissionReport> {
  options.log(`rendering ${options.documents} invoices…`);
  const bodies = await inPool(
    Array.from({ length: options.documents }, (_, i) => i),
    8,
    async (i) =>
      invoicePdf(
        randomInvoiceSpec(`admission-${i}`, {
          invoiceNumber: `ADM-${i}`,
          lineItems: [{ description: 'Service', quantity: 1, unitPriceCents: 10_000 + i }],
        }),
      ),
  );
  const runtime = await startLocalRuntime({
    capabilities,
    processes,
    functionConcurrency: 8,
    queueVisibilityTimeoutSeconds: 30,
    context: {
      intakeMaxConcurrency: 10,
      textract: { syncTps: options.rate, startTps: 1, getTps: options.rate, maxConcurrentJobs: 10 },
      processes: {
        invoice: { rules: { amountThreshold: '1000000.00', riskBandRequiringApproval: 'high' } },
      },
    },
  });
  const tools = inspect(runtime);
  try {
    const ids = bodies.map((b) => documentIdOf('invoice', sha256Hex(b)));
    const firstDropAt = Date.now();
    options.log(`dropping ${options.documents} invoices at once; Textract admits ${options.rate}/s…`);
    await inPool(bodies, 16, (body, i) => tools.drop('invoice', `admission-${i}.pdf`, body));
    const deadline = Date.now() + options.timeoutSeconds * 1000;
    let terminal: { documentId: string; at: number }[] = [];
    while (Date.now() < deadline) {
      const documents = await tools.documents();
      // Extraction is what is measured: a document waiting for a person has been admitted and read.
      terminal = documents
        .filter((d) => terminalStatuses.has(d.status) || d.status === 'AWAITING_APPROVAL')
        .map((d) => ({ documentId: d.documentId, at: Date.parse(d.updatedAt) }));
      options.log(`  ${terminal.length}/${options.documents} settled`);
      if (terminal.length >= options.documents) break;
      await new Promise((r) => setTimeout(r, 5000));
    }
    const executions = runtime.stepFunctions.store
      .list()
      .map((e) => ({ documentId: e.name.split('-').pop() ?? '', events: e.events }));
    const extractedEvents = new Map<string, number>();
    await inPool(ids, 16, async (id) => {
      extractedEvents.set(id, (await tools.audit(id)).filter((e) => e.type === 'EXTRACTED').length);
    });
    const textract = runtime.handle<TextractServer>('textract');
    return measureAdmission({
      documents: options.documents,
      configuredRate: options.rate,
      analyzeCalls: textract.calls.get('AnalyzeExpense') ?? 0,
      window: textract.callWindow.get('AnalyzeExpense'),
      throttledAtService: textract.throttled.get('AnalyzeExpense') ?? 0,
      firstDropAt,
      terminal,
      executions,
      extractedEvents,
      expectedDocumentIds: ids,
    });
  } finally {
    await runtime.stop();
  }
}
