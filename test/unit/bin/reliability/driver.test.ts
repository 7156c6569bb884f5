import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { dropAll, expectDropped, invoicePrefix, pastDeadline } from '../../../../bin/reliability/driver.ts';
import type { Target } from '../../../../bin/reliability/evidence.ts';
import type { DropFile } from '../../../../bin/reliability/workload.ts';

/** A target whose S3 records every key it is sent and refuses the ones `refuse` names. */
function fakeTarget(refuse: (key: string) => boolean): { target: Target; keys: string[] } {
  const keys: string[] = [];
  const s3 = new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  s3.send = (async (command: { input: { Key: string } }) => {
    if (refuse(command.input.Key)) throw new Error(`refused ${command.input.Key}`);
    keys.push(command.input.Key);
    return {};
  }) as unknown as S3Client['send'];
  const target = { clients: { s3 }, bucket: 'b' } as unknown as Target;
  return { target, keys };
}

const file = (fileName: string, documentId: string, label = 'invoice'): DropFile => ({
  fileName,
  documentId,
  label,
  body: new Uint8Array([1]),
});

describe('dropAll', () => {
  it('uploads every file and keeps the first upload time of each document', async () => {
    const { target, keys } = fakeTarget(() => false);
    const files = [file('a.pdf', 'A'), file('b.pdf', 'B'), file('a-again.pdf', 'A')];
    const dropped = await dropAll(target, files, 2);
    expect(keys.sort()).toEqual(['a-again.pdf', 'a.pdf', 'b.pdf'].map((n) => `${invoicePrefix}${n}`));
    expect([...dropped.droppedAt.keys()].sort()).toEqual(['A', 'B']);
    expect(dropped.refused).toEqual([]);
    for (const at of dropped.droppedAt.values()) expect(at).toBeGreaterThanOrEqual(dropped.started);
  });

  it('reports refused uploads instead of throwing, and does not count them as dropped', async () => {
    const { target } = fakeTarget((key) => key.includes('odd'));
    const dropped = await dropAll(target, [file('odd.pdf', 'O'), file('ok.pdf', 'K')]);
    expect(dropped.refused.map((f) => f.fileName)).toEqual(['odd.pdf']);
    expect(dropped.droppedAt.has('O')).toBe(false);
  });
});

describe('expectDropped', () => {
  it('expects only what S3 accepted, with what each file should become', async () => {
    const { target } = fakeTarget((key) => key.includes('odd'));
    const files = [file('odd.pdf', 'O'), file('empty.pdf', 'E', 'empty'), file('ok.pdf', 'K')];
    const dropped = await dropAll(target, files);
    const expectations = expectDropped(files, dropped, (f) =>
      f.label === 'empty' ? { statuses: ['REJECTED_INPUT'], quarantined: true } : { statuses: ['COMPLETED'] },
    );
    expect(
      expectations.map(({ documentId, statuses, quarantined }) => ({ documentId, statuses, quarantined })),
    ).toEqual([
      { documentId: 'E', statuses: ['REJECTED_INPUT'], quarantined: true },
      { documentId: 'K', statuses: ['COMPLETED'], quarantined: undefined },
    ]);
    expect(expectations[1]?.droppedAt).toBe(dropped.droppedAt.get('K'));
  });
});

describe('pastDeadline', () => {
  const log = () => {};
  it('stops at the deadline when no stall time is given', () => {
    expect(pastDeadline({ deadline: 1000, log }, 999, 1001)).toBe(true);
    expect(pastDeadline({ deadline: 1000, log }, 0, 1000)).toBe(false);
  });

  it('past the deadline, goes on while documents keep settling and stops once they stall', () => {
    const options = { deadline: 1000, log, stallMs: 300 };
    expect(pastDeadline(options, 900, 1100)).toBe(false);
    expect(pastDeadline(options, 900, 1201)).toBe(true);
    // Before the deadline a stall alone never ends the wait.
    expect(pastDeadline(options, 0, 999)).toBe(false);
  });
});
