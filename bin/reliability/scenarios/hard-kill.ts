import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DocumentRecord } from '../../../lambdas/platform/stores/documents.ts';
import { readSentMail, type SentEmail } from '../../../local/emulators/ses.ts';
import { AutoApprover } from '../approver.ts';
import { type ChildRuntime, endChild, startChild } from '../child-process.ts';
import { drop, inPool, settle, sleep } from '../driver.ts';
import { collectEvidence, scanTable } from '../evidence.ts';
import { approver, minDwellSeconds } from '../harness.ts';
import { judge } from '../judge.ts';
import type { Expectation, Scenario, ScenarioRow } from '../types.ts';
import { cleanInvoices } from '../workload.ts';

const sizes = { full: 300, small: 24 } as const;
/** Uploads per second: a steady stream, so the kill lands with uploads, starts and executions all under way. */
const uploadRates = { full: 20, small: 3 } as const;
/** An operator runs `npm start` again when it fails to come up. */
const startAttempts = 3;
/** The kill comes once this share of the uploads is in and some documents are in flight. */
const killAfterShare = 0.6;

/**
 * 5. `kill -9` of the whole runtime mid-burst, then a restart on the same data directory: executions
 * cut off are resumed, intake events lost with the in-memory queues are announced again, uploads cut
 * off are retried by the operator. Every document ends COMPLETED, none twice.
 */
export const hardKill: Scenario = {
  id: 5,
  name: 'kill -9 mid-burst, restart',
  async run(context): Promise<ScenarioRow> {
    const dataDir = mkdtempSync(join(tmpdir(), 'tower-reliability-5-'));
    const started = performance.now();
    let keep = false;
    const files = await cleanInvoices(sizes[context.scale], 'kill');
    let current: ChildRuntime | undefined;
    // The local SES keeps sent mail in the data directory: the restarted runtime's mailbox has the first's.
    const mailbox = async (): Promise<SentEmail[]> => (current ? readSentMail(current.sesUrl) : []);
    // Whoever is asked approves in both runtimes, so a vote may land in the one about to die.
    const approve = (child: ChildRuntime) => {
      const auto = new AutoApprover(mailbox, child.approvalsUrl, {
        approver,
        dwellMs: minDwellSeconds * 1000 + 100,
      });
      auto.start();
      return auto;
    };
    try {
      current = await startChild(dataDir);
      const first = current;
      const auto1 = approve(first);
      const droppedAt = new Map<string, number>();
      const confirmed = new Set<string>();
      let killed = false;
      const droppingFrom = Date.now();
      context.log(`dropping ${files.length} invoices into a child runtime (pid ${first.process.pid})`);
      const rate = uploadRates[context.scale];
      const uploads = inPool(files, 8, async (f, i) => {
        await sleep(Math.max(0, droppingFrom + (i * 1000) / rate - Date.now()));
        if (killed) return;
        if (!droppedAt.has(f.documentId)) droppedAt.set(f.documentId, Date.now());
        await drop(first.target, f.fileName, f.body);
        confirmed.add(f.documentId);
      });
      while (confirmed.size < files.length * killAfterShare) await sleep(100);
      const inFlight = (await scanTable<DocumentRecord>(first.target, 'documents')).filter(
        (d) => d.status !== 'COMPLETED',
      ).length;
      killed = true;
      await endChild(first.process, 'SIGKILL');
      await auto1.stop();
      await uploads;
      context.log(`SIGKILL with ${confirmed.size} uploads in, ${inFlight} documents not yet complete`);

      const failedStarts: string[] = [];
      for (let attempt = 1; attempt <= startAttempts && current === first; attempt++) {
        try {
          current = await startChild(dataDir);
        } catch (error) {
          failedStarts.push(String(error instanceof Error ? error.message : error).slice(0, 300));
        }
      }
      if (current === first) throw new Error(`the runtime did not restart: ${failedStarts.join(' | ')}`);
      const second = current;
      if (second.approvalsUrl !== first.approvalsUrl)
        throw new Error(`the approval API moved from ${first.approvalsUrl} to ${second.approvalsUrl}`);
      const auto2 = approve(second);
      context.log(
        `restarted: ${second.interrupted} executions resumed, ${second.reannounced} intake objects announced again`,
      );
      const retried = files.filter((f) => !confirmed.has(f.documentId));
      await inPool(retried, 8, async (f) => {
        if (!droppedAt.has(f.documentId)) droppedAt.set(f.documentId, Date.now());
        await drop(second.target, f.fileName, f.body);
      });
      const expectations: Expectation[] = files.map((f) => ({
        documentId: f.documentId,
        label: f.label,
        droppedAt: droppedAt.get(f.documentId) ?? 0,
        statuses: ['COMPLETED'],
      }));
      await settle(second.target, () => expectations, context, Date.now(), 700);
      await auto2.stop();
      const wallMs = performance.now() - started;
      const evidence = await collectEvidence({ ...second.target, mailbox });
      const row = judge(
        5,
        hardKill.name,
        evidence,
        {
          expectations,
          notes: [
            `SIGKILL after ${confirmed.size}/${files.length} uploads with ${inFlight} documents in flight; ${retried.length} uploads cut off and retried`,
            `at restart: ${second.interrupted} interrupted executions resumed, ${second.reannounced} intake objects announced again, ${second.incompleteUploadsRemoved} half-written uploads removed`,
            ...failedStarts.map((f) => `restart failed and was tried again: ${f}`),
            ...(auto1.approved + auto2.approved > 0
              ? [
                  `${auto1.approved + auto2.approved} sent to a person by the rules and approved (${auto1.approved} before the kill)`,
                ]
              : []),
          ],
        },
        wallMs,
      );
      // A row with problems keeps its data directory for whoever looks into it.
      keep = row.problems.length > 0;
      return keep ? { ...row, notes: [...row.notes, `data directory kept at ${dataDir}`] } : row;
    } finally {
      if (current) await endChild(current.process, 'SIGTERM');
      if (!keep) rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
