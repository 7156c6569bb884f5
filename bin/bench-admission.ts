import './common/require-node.ts';
import { keyValues } from './bench/format.ts';
import { runAdmissionBench } from './bench-admission/run.ts';
import { parseArgsOrRefuse, refuseArgs } from './common/cli-args.ts';

// npm run bench:admission: a burst against the account's Textract rate, admitted without throttling the workflow.
const usage = 'usage: npm run bench:admission -- [--documents N] [--rate R] [--timeout-seconds S] [--json]';
const { values } = parseArgsOrRefuse(
  {
    options: {
      documents: { type: 'string', default: '1000' },
      rate: { type: 'string', default: '5' },
      'timeout-seconds': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  },
  usage,
);
const documents = Number(values.documents);
const rate = Number(values.rate);
if (!Number.isInteger(documents) || documents < 1 || !(rate > 0))
  refuseArgs(
    `--documents must be a whole number from 1 and --rate above 0, got ${values.documents} and ${values.rate}`,
    usage,
  );
const started = Date.now();
const report = await runAdmissionBench({
  documents,
  rate,
  timeoutSeconds: Number(values['timeout-seconds'] ?? Math.ceil((documents / rate) * 3 + 120)),
  log: (line) => process.stderr.write(`${line}\n`),
});
if (values.json) {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} else {
  process.stdout.write(
    `Textract admission: ${documents} invoices dropped at once, AnalyzeExpense at ${rate}/s\n\n`,
  );
  process.stdout.write(
    `${keyValues([
      ['configured rate', `${rate.toFixed(1)} /s`],
      ['achieved rate', `${report.achievedRate.toFixed(2)} /s`],
      ['achieved ÷ configured', report.rateRatio.toFixed(3)],
      ['throttled at the service (retried inside)', report.throttledAtService],
      ['throttling errors seen by the workflow', report.throttlingSeenByWorkflow],
      ['retry transitions per document', report.retryTransitionsPerDocument.toFixed(3)],
      ['lost documents', report.lost],
      ['duplicated documents', report.duplicated],
      ['drain time', `${report.drainSeconds.toFixed(1)} s`],
      ['ideal (documents ÷ rate)', `${report.idealSeconds.toFixed(1)} s`],
      ['drain ÷ ideal', (report.drainSeconds / report.idealSeconds).toFixed(3)],
    ])}\n`,
  );
  process.stdout.write(`\nwall time ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
process.exit(report.lost > 0 || report.duplicated > 0 || report.throttlingSeenByWorkflow > 0 ? 1 : 0);
