import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { approvalOnlyForBeingNew } from '../bin/start/demo.ts';
import type { AuditRecord } from '../lambdas/platform/stores/audit.ts';
import { cleanInvoiceSpec, invoicePdf } from '../lambdas/processes/invoice/samples/index.ts';

/**
 * The README's main command as a user runs it: a plain `npm start` in this clone (default data
 * directory, default inbox), a file dropped into ./inbox/invoice/, and the document seen at its end
 * state through the operator CLI: COMPLETED, or waiting for a person only because its vendor is new
 * (a fresh clone knows no vendor; README: new vendors). Exits non-zero, with npm start's output, if
 * it does not get there.
 */
const deadlineMs = 180_000;
const ended = ['COMPLETED', 'REJECTED', 'REJECTED_INPUT', 'FAILED', 'COMPENSATED'];
const fileName = `ci-smoke-${Date.now()}.pdf`;
let output = '';

function startTower(): ChildProcess {
  // Its own process group, so one signal stops npm and the runtime under it.
  const child = spawn('npm', ['start'], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return child;
}

async function until<T>(what: string, probe: () => T | undefined): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() - start > deadlineMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

function tower(...args: string[]): string {
  return execFileSync('npm', ['run', '--silent', 'tower', '--', ...args], { encoding: 'utf8' });
}

function statusOfDropped(): string | undefined {
  const listed = tower('documents', '--json', '--limit', '1000');
  const { documents } = JSON.parse(listed) as {
    documents: { key: string; status: string; documentId: string }[];
  };
  const dropped = documents.find((d) => d.key.endsWith(`/${fileName}`));
  if (dropped?.status === 'AWAITING_APPROVAL') {
    const { audit } = JSON.parse(tower('timeline', dropped.documentId, '--json')) as { audit: AuditRecord[] };
    return approvalOnlyForBeingNew(audit) ? 'AWAITING_APPROVAL (new vendor)' : dropped.status;
  }
  return dropped && ended.includes(dropped.status) ? dropped.status : undefined;
}

const child = startTower();
let code = 1;
try {
  await until('npm start to list its inbox', () => (output.includes('Console') ? true : undefined));
  const pdf = await invoicePdf(
    cleanInvoiceSpec(`ci-smoke-${fileName}`, {
      lineItems: [{ description: 'Consulting, one day', quantity: 1, unitPriceCents: 45_000 }],
    }),
  );
  mkdirSync(join('inbox', 'invoice'), { recursive: true });
  writeFileSync(join('inbox', 'invoice', fileName), pdf);
  await until('the inbox to submit the file', () =>
    output.includes(`invoice/${fileName} submitted`) ? true : undefined,
  );
  const status = await until('the document to reach its end state', statusOfDropped);
  process.stdout.write(`inbox smoke: ./inbox/invoice/${fileName} reached ${status}\n`);
  code = status === 'COMPLETED' || status === 'AWAITING_APPROVAL (new vendor)' ? 0 : 1;
} catch (error) {
  process.stderr.write(`inbox smoke: ${error instanceof Error ? error.message : String(error)}\n`);
} finally {
  if (child.pid) process.kill(-child.pid, 'SIGINT');
  await new Promise((r) => child.once('exit', r));
  if (code !== 0) process.stderr.write(`--- npm start output ---\n${output}\n`);
}
process.exit(code);
