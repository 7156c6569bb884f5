import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AutoApprover } from '../../../../bin/reliability/approver.ts';
import { badFiles } from '../../../../bin/reliability/bad-files.ts';
import { type ChildRuntime, endChild, startChild } from '../../../../bin/reliability/child-process.ts';
import { drop, isSettled, sleep } from '../../../../bin/reliability/driver.ts';
import { duplicateEmails } from '../../../../bin/reliability/duplicates.ts';
import { collectEvidence, type Evidence, scanTable } from '../../../../bin/reliability/evidence.ts';
import { approver, minDwellSeconds } from '../../../../bin/reliability/harness.ts';
import { judge } from '../../../../bin/reliability/judge.ts';
import type { Expectation } from '../../../../bin/reliability/types.ts';
import { cleanInvoices, type DropFile, largeInvoices } from '../../../../bin/reliability/workload.ts';
import type { DocumentRecord } from '../../../../lambdas/platform/stores/documents.ts';
import { readSentMail, type SentEmail } from '../../../../local/emulators/ses.ts';
import type { FaultRule } from '../../../../local/runtime/faults.ts';

/**
 * `kill -9` of the whole runtime between a step's side effect and the execution's next state (the
 * `kill` fault: the function ran, its answer never reached the workflow), once for each step with an
 * external effect, then a restart on the same data directory: the resumed executions run the step
 * again and it finds its earlier effect instead of repeating it.
 */
const kills: readonly FaultRule[] = [
  // The result object, the vendor-history entry, the final status.
  { functionId: 'invoice-finalize', kind: 'kill', times: 1 },
  // The approval request's emails: sent, then the runtime dies before the wait is recorded.
  { functionId: 'request-approval', kind: 'kill', times: 1, when: { phase: 'request' } },
  // The quarantine copy and the removal of the original.
  { functionId: 'quarantine', kind: 'kill', times: 1 },
];
const maxStarts = kills.length + 2;
const settleMs = 480_000;

interface Run {
  readonly evidence: Evidence;
  readonly files: { readonly clean: DropFile; readonly large: DropFile; readonly bad: DropFile };
  readonly expectations: readonly Expectation[];
  /** Each fired kill and when the runtime that replaced it was up again (epoch ms). */
  readonly restarts: readonly { readonly killedBy: string; readonly upAgainAt: number }[];
  readonly quarantineStored: Map<string, string>;
  /** The approval API's address in each runtime started. */
  readonly approvalUrls: readonly string[];
}

let run: Run;
let dataDir: string;

async function runWithKills(): Promise<Run> {
  // Distinct prefixes: the file names (and so the intake keys) must differ.
  const [clean] = await cleanInvoices(1, 'restart-clean');
  const [large] = await largeInvoices(1, 'restart-large');
  const [bad] = await badFiles(1);
  if (!clean || !large || !bad) throw new Error('the workload made no files');
  const files = { clean, large, bad };
  const expectations: Expectation[] = [
    { documentId: clean.documentId, label: 'invoice', droppedAt: Date.now(), statuses: ['COMPLETED'] },
    { documentId: large.documentId, label: 'large-invoice', droppedAt: Date.now(), statuses: ['COMPLETED'] },
    {
      documentId: bad.documentId,
      label: bad.label,
      droppedAt: Date.now(),
      statuses: ['REJECTED_INPUT'],
      quarantined: true,
    },
  ];
  let current: ChildRuntime | undefined;
  // The local SES keeps sent mail in the data directory, so each runtime's mailbox holds every earlier one's.
  const mailbox = async (): Promise<SentEmail[]> => (current ? readSentMail(current.sesUrl) : []);
  let pending = [...kills];
  const restarts: { killedBy: string; upAgainAt: number }[] = [];
  let killedBy: string | undefined;
  const approvalUrls: string[] = [];
  try {
    for (let start = 1; start <= maxStarts; start++) {
      current = await startChild(dataDir, { faults: pending });
      if (killedBy) restarts.push({ killedBy, upAgainAt: Date.now() });
      approvalUrls.push(current.approvalsUrl);
      if (start === 1) for (const f of [clean, large, bad]) await drop(current.target, f.fileName, f.body);
      // The approver acts in every runtime: a vote may land in one about to die, and links mailed by an
      // earlier runtime still reach this one (the approval API keeps its address on this data directory).
      const auto = new AutoApprover(mailbox, current.approvalsUrl, {
        approver,
        dwellMs: minDwellSeconds * 1000 + 100,
      });
      auto.start();
      const child = current;
      let exited = false;
      void child.exited.then(() => {
        exited = true;
      });
      const deadline = Date.now() + settleMs;
      while (!exited && Date.now() < deadline) {
        const records = new Map(
          (await scanTable<DocumentRecord>(child.target, 'documents').catch(() => [])).map((d) => [
            d.documentId,
            d,
          ]),
        );
        if (pending.length === 0 && expectations.every((e) => isSettled(records.get(e.documentId), e))) break;
        await sleep(500);
      }
      await auto.stop();
      if (!exited) break;
      killedBy = child.killedBy[0];
      pending = pending.filter((r) => !child.killedBy.includes(r.functionId));
    }
    if (!current) throw new Error('no runtime started');
    // Let any late retry run out before reading what happened.
    await sleep(3000);
    const evidence = await collectEvidence({ ...current.target, mailbox });
    const quarantineStored = new Map<string, string>();
    for (const key of evidence.quarantine.keys()) {
      const object = await current.target.clients.s3.send(
        new GetObjectCommand({ Bucket: current.target.bucket, Key: key }),
      );
      quarantineStored.set(key, object.Metadata?.['document-id'] ?? '');
    }
    return { evidence, files, expectations, restarts, quarantineStored, approvalUrls };
  } finally {
    if (current) await endChild(current.process, 'SIGTERM');
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tower-restart-effect-'));
  run = await runWithKills();
}, 900_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const restartAfter = (functionId: string) => run.restarts.find((r) => r.killedBy === functionId);
const audit = (documentId: string, type: string) =>
  run.evidence.audit.filter((e) => e.documentId === documentId && e.type === type);

describe('a kill -9 between a step and the next state, then a restart', () => {
  it('fired every kill, and every document ended where it should, none lost or duplicated', () => {
    expect(run.restarts.map((r) => r.killedBy).sort()).toEqual(kills.map((k) => k.functionId).sort());
    const row = judge(0, 'restart after effect', run.evidence, { expectations: run.expectations }, 0);
    expect(row.problems).toEqual([]);
    expect(row).toMatchObject({ expected: 3, lost: 0, duplicated: 0, wrong: 0 });
  });

  it('finishing again wrote no second result, vendor entry, status or FINALIZED', () => {
    const { clean, large } = run.files;
    const upAgain = restartAfter('invoice-finalize')?.upAgainAt ?? 0;
    for (const doc of [clean, large]) {
      const written = [...run.evidence.results].find(([key]) => key.endsWith(`/${doc.documentId}.json`));
      expect(written).toBeDefined();
      expect(audit(doc.documentId, 'FINALIZED')).toHaveLength(1);
      expect(audit(doc.documentId, 'STATUS_CHANGED').filter((e) => e.decision === 'COMPLETED')).toHaveLength(
        1,
      );
      expect(run.evidence.effects.filter((e) => e.documentId === doc.documentId)).toHaveLength(1);
    }
    // The finalize the kill cut off wrote its result before the runtime came back; nothing wrote it after.
    const finalizedBeforeKill = [clean, large].filter((doc) => {
      const at = run.evidence.results.get(`results/invoice/${doc.documentId}.json`) ?? 0;
      return at < upAgain;
    });
    expect(finalizedBeforeKill.length).toBeGreaterThanOrEqual(1);
  });

  it('the approval request emailed each approver once, across the restarts, with links that kept working', () => {
    // A kill between an approver's claim and send leaves it unknown whether that request went out; it is
    // never sent again (at most once) and the next wait reminds them at once (remindedEarly), so each
    // approver has a link: the request, the early reminder, or both when the cut-off send had gone out.
    const remindedEarly = audit(run.files.large.documentId, 'APPROVAL_REQUESTED').flatMap(
      (e) => (e.details?.remindedEarly as string[] | undefined) ?? [],
    );
    const requested = run.evidence.mail
      .filter((m) => m.subject.startsWith('Decision needed'))
      .flatMap((m) => m.to);
    const earlyReminders = run.evidence.mail
      .filter((m) => m.subject.startsWith('Reminder'))
      .flatMap((m) => m.to)
      .filter((to) => remindedEarly.includes(to));
    expect(new Set(requested).size).toBe(requested.length);
    expect([...new Set([...requested, ...earlyReminders])].sort()).toEqual([
      'alice@example.com',
      'bob@example.com',
    ]);
    expect([...earlyReminders].sort()).toEqual([...remindedEarly].sort());
    expect(duplicateEmails(run.evidence.mail)).toEqual([]);
    expect(audit(run.files.large.documentId, 'APPROVAL_REQUESTED')).toHaveLength(1);
    expect(new Set(run.approvalUrls).size).toBe(1);
    expect(audit(run.files.large.documentId, 'APPROVAL_DECIDED')).toMatchObject([{ decision: 'approved' }]);
  });

  it('quarantining again made no second copy and audited once', () => {
    const { bad } = run.files;
    const copies = [...run.quarantineStored].filter(([, id]) => id === bad.documentId);
    expect(copies).toHaveLength(1);
    expect(audit(bad.documentId, 'QUARANTINED')).toHaveLength(1);
    const upAgain = restartAfter('quarantine')?.upAgainAt ?? 0;
    const [key] = copies[0] ?? [];
    expect(run.evidence.quarantine.get(key ?? '') ?? Number.POSITIVE_INFINITY).toBeLessThan(upAgain);
  });
});
