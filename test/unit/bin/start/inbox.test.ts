import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type InboxFile, watchInbox } from '../../../../bin/start/inbox.ts';
import { maxNameBytes } from '../../../../bin/start/inbox-names.ts';
import type { ProcessSpec } from '../../../../lambdas/platform/registry/process-spec.ts';

// The watcher reads only a process's id; the rest of the spec does not matter here.
const invoice = { id: 'invoice' } as ProcessSpec;

let dir: string;
let folder: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tower-inbox-'));
  folder = join(dir, 'invoice');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A watcher over `dir` that records what it submits and reports, with its scans driven by the test. */
function watcher(submit: (file: InboxFile) => Promise<void> = async () => undefined) {
  const submitted: InboxFile[] = [];
  const problems: string[] = [];
  const inbox = watchInbox(
    dir,
    [invoice],
    {
      submit: async (file) => {
        await submit(file);
        submitted.push(file);
      },
      problem: (file, message) => problems.push(`${file} ${message}`),
    },
    3_600_000,
  );
  // A file is submitted on the scan that finds its size unchanged.
  const scans = async (n: number) => {
    for (let i = 0; i < n; i++) await inbox.scan();
  };
  return { inbox, submitted, problems, scans };
}

/** The names in `.submitted/`. */
const moved = () => readdirSync(join(folder, '.submitted'), { encoding: 'buffer' }).map((n) => n.toString());

describe('watchInbox with hostile file names', () => {
  it('submits a file whose name is not valid UTF-8 under a safe name, keeps the original, and moves it', async () => {
    // Prepare: `inv` 0xFF 0xFE `.pdf` (a Latin-1 name written by another system), beside an ordinary file.
    const w = watcher();
    const raw = Buffer.concat([Buffer.from('inv'), Buffer.of(0xff, 0xfe), Buffer.from('.pdf')]);
    writeFileSync(Buffer.concat([Buffer.from(`${folder}/`), raw]), 'latin');
    writeFileSync(join(folder, 'plain.pdf'), 'plain');

    // Act
    await w.scans(4);
    w.inbox.stop();

    // Assess
    expect(w.problems).toEqual([]);
    const odd = w.submitted.find((f) => f.body.toString() === 'latin');
    expect(odd?.name).toEqual({ name: 'inv__.pdf', shown: 'inv\\xFF\\xFE.pdf', original: 'inv%FF%FE%2Epdf' });
    expect(odd?.metadata).toEqual({ 'original-name': 'inv%FF%FE%2Epdf' });
    expect(w.submitted.map((f) => f.name.name).sort()).toEqual(['inv__.pdf', 'plain.pdf']);
    expect(readdirSync(folder, { encoding: 'buffer' }).map(String)).toEqual(['.submitted']);
    expect(
      moved()
        .map((n) => n.replace(/^\d+-/, ''))
        .sort(),
    ).toEqual(['inv__.pdf', 'plain.pdf']);
  });

  it('submits a 244-byte name once, under a name short enough for .submitted/, and moves it', async () => {
    // Prepare: 244 bytes, plus the 14-byte `<epoch ms>-` prefix, is over Linux's 255.
    const w = watcher();
    const long = `${'ü'.repeat(120)}.pdf`;
    expect(Buffer.byteLength(long)).toBe(244);
    writeFileSync(join(folder, long), 'long');

    // Act
    await w.scans(6);
    w.inbox.stop();

    // Assess
    expect(w.problems).toEqual([]);
    expect(w.submitted).toHaveLength(1);
    const [file] = w.submitted;
    expect(Buffer.byteLength(file?.name.name ?? '')).toBeLessThanOrEqual(maxNameBytes);
    expect(file?.name.name).toMatch(/^ü+\.pdf$/);
    expect(file?.name.shown).toBe(long);
    expect(moved()).toHaveLength(1);
  });

  it('submits a name full of control characters under a safe name and shows them escaped', async () => {
    // Prepare
    const w = watcher();
    writeFileSync(join(folder, '\u001B[31mred\u001B[0m\u0007\u202Efdp.exe'), 'ansi');

    // Act
    await w.scans(2);
    w.inbox.stop();

    // Assess
    expect(w.submitted.map((f) => f.name)).toEqual([
      {
        name: '_[31mred_[0m__fdp.exe',
        shown: '\\x1B[31mred\\x1B[0m\\x07\\u202Efdp.exe',
        original: '%1B%5B31mred%1B%5B0m%07%E2%80%AEfdp%2Eexe',
      },
    ]);
  });

  it('submits a file it cannot move once, and says why once', async () => {
    // Prepare: `.submitted` is a file, so nothing can be moved into it.
    const w = watcher();
    rmSync(join(folder, '.submitted'), { recursive: true });
    writeFileSync(join(folder, '.submitted'), '');
    writeFileSync(join(folder, 'a.pdf'), 'a');

    // Act
    await w.scans(8);
    w.inbox.stop();

    // Assess
    expect(w.submitted).toHaveLength(1);
    expect(w.problems).toHaveLength(1);
    expect(w.problems[0]).toMatch(
      /^invoice\/a\.pdf was submitted but could not be moved to \.submitted\/ \(/,
    );
  });

  it('keeps going when a submit fails, says so once, and submits the file when it works again', async () => {
    // Prepare
    let failing = true;
    const w = watcher(async () => {
      if (failing) throw new Error('S3 is not answering');
    });
    writeFileSync(join(folder, 'b.pdf'), 'b');
    mkdirSync(join(folder, 'a folder'));

    // Act
    await w.scans(8);
    failing = false;
    await w.scans(2);
    w.inbox.stop();

    // Assess
    expect(w.problems).toEqual(['invoice/b.pdf S3 is not answering']);
    expect(w.submitted.map((f) => f.name.name)).toEqual(['b.pdf']);
  });
});
