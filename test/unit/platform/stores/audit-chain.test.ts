import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../lambdas/platform/shared/canonical-json.ts';
import { sha256Hex } from '../../../../lambdas/platform/shared/hash.ts';
import type { AuditEvent, AuditRecord } from '../../../../lambdas/platform/stores/audit.ts';
import {
  describeVerdict,
  eventIdOf,
  genesisHash,
  hashOf,
  linkEvents,
  storedForm,
  verifyChain,
} from '../../../../lambdas/platform/stores/audit-chain.ts';

const documentId = 'd'.repeat(64);
const at = '2025-03-01T09:00:00.000Z';
const event = (type: string, details?: Record<string, unknown>): AuditEvent => ({
  documentId,
  step: 'test',
  type,
  actor: { kind: 'system', id: 'test' },
  versions: { workflow: 'w@1' },
  ...(details ? { details } : {}),
});
/** Three linked events, as a trail reads them back. */
const trail = () => linkEvents({ seq: 0, hash: genesisHash }, [event('A'), event('B'), event('C')], at);
const headOf = (records: readonly AuditRecord[]) => {
  const last = records.at(-1);
  return { seq: last?.seq ?? 0, hash: last?.hash ?? genesisHash };
};

describe('linkEvents', () => {
  it('numbers events from the head, links each to the one before, from the genesis value', () => {
    // Act
    const [a, b, c] = trail();

    // Assess
    expect([a?.seq, b?.seq, c?.seq]).toEqual([1, 2, 3]);
    expect([a?.eventId, c?.eventId]).toEqual(['s#000000000001', 's#000000000003']);
    expect(a?.prevHash).toBe(genesisHash);
    expect(b?.prevHash).toBe(a?.hash);
    expect(c?.prevHash).toBe(b?.hash);
    expect(genesisHash).toBe('0'.repeat(64));
  });

  it('hashes every field but the hash: SHA-256 of the canonical JSON, seq, at and prevHash included', () => {
    // Prepare
    const [record] = linkEvents({ seq: 6, hash: 'f'.repeat(64) }, [event('A')], at);
    if (!record) throw new Error('no record');
    const { hash, ...fields } = record;

    // Act
    const expected = sha256Hex(canonicalJson(fields));

    // Assess
    expect(hash).toBe(expected);
    expect(fields).toMatchObject({ seq: 7, at, prevHash: 'f'.repeat(64), eventId: 's#000000000007' });
    expect(hashOf({ ...fields, at: '2025-03-01T09:00:01.000Z' })).not.toBe(hash);
    expect(hashOf({ ...fields, seq: 8 })).not.toBe(hash);
    expect(hashOf({ ...fields, prevHash: genesisHash })).not.toBe(hash);
  });

  it('hashes what DynamoDB stores: undefined left out, a lone surrogate replaced', () => {
    // Act
    const [record] = linkEvents(
      { seq: 0, hash: genesisHash },
      [event('A', { kept: 1, dropped: undefined, list: [1, undefined, 2], text: 'a\ud800b' })],
      at,
    );

    // Assess
    expect(record?.details).toEqual({ kept: 1, list: [1, 2], text: 'a\ufffdb' });
    expect(record && verifyChain([JSON.parse(JSON.stringify(record)) as AuditRecord]).broken).toBeUndefined();
    expect(storedForm({ at: new Date(at) })).toEqual({ at });
  });
});

describe('verifyChain', () => {
  it('verifies an unbroken chain, against the head the document holds', () => {
    // Prepare
    const records = trail();

    // Act
    const verdict = verifyChain([...records].reverse(), headOf(records));

    // Assess
    expect(verdict).toEqual({ verified: 3, unchained: 0 });
    expect(describeVerdict(verdict)).toBe('chain verified: 3 events');
  });

  it('names a missing event by its seq', () => {
    // Prepare
    const [a, , c] = trail();
    if (!a || !c) throw new Error('no records');

    // Act
    const verdict = verifyChain([a, c]);

    // Assess
    expect(verdict).toEqual({ verified: 1, unchained: 0, broken: { seq: 2, problem: 'missing' } });
    expect(describeVerdict(verdict)).toBe('chain broken at seq 2: the event is missing');
  });

  it('names a missing tail: the head on the record is past the last event', () => {
    // Prepare
    const records = trail();

    // Act
    const verdict = verifyChain(records.slice(0, 2), headOf(records));

    // Assess
    expect(verdict.broken).toEqual({ seq: 3, problem: 'missing' });
  });

  it('names an event whose fields changed after it was written (wrong hash)', () => {
    // Prepare
    const records = trail();
    const tampered = records.map((r) => (r.seq === 2 ? { ...r, decision: 'approved' } : r));

    // Act
    const verdict = verifyChain(tampered, headOf(records));

    // Assess
    expect(verdict).toMatchObject({
      verified: 1,
      broken: { seq: 2, problem: 'hash', found: records[1]?.hash },
    });
    expect(describeVerdict(verdict)).toMatch(
      /^chain broken at seq 2: its fields hash to \w{12}, not to the hash it carries/,
    );
  });

  it('names an event that does not link to the one before (wrong prevHash), even with its own hash redone', () => {
    // Prepare
    const records = trail();
    const relinked = { ...records[2], prevHash: 'e'.repeat(64) } as AuditRecord;
    const rehashed = { ...relinked, hash: hashOf(relinked as unknown as Record<string, unknown>) };

    // Act
    const verdict = verifyChain([records[0], records[1], rehashed] as AuditRecord[]);

    // Assess
    expect(verdict).toMatchObject({
      verified: 2,
      broken: { seq: 3, problem: 'prev-hash', expected: records[1]?.hash, found: 'e'.repeat(64) },
    });
    expect(describeVerdict(verdict)).toMatch(
      /^chain broken at seq 3: its prevHash eeeeeeeeeeee is not the hash of seq 2/,
    );
  });

  it('names events added past the head, or a head that names another last event', () => {
    // Prepare
    const records = trail();
    const headAtTwo = headOf(records.slice(0, 2));

    // Act
    const beyond = verifyChain(records, headAtTwo);
    const otherHash = verifyChain(records, { seq: 3, hash: 'a'.repeat(64) });

    // Assess
    expect(beyond.broken).toMatchObject({ seq: 3, problem: 'head' });
    expect(otherHash.broken).toMatchObject({ seq: 3, problem: 'head', expected: 'a'.repeat(64) });
  });

  it('counts events from before the chain began (k#/t# ids) without checking them; the chain starts at s#1', () => {
    // Prepare
    const legacy: AuditRecord[] = [
      { ...event('OLD'), eventId: 'k#0123', at: '2024-01-01T00:00:00.000Z' },
      { ...event('OLDER'), eventId: 't#2023-01-01T00:00:00.000Z#x', at: '2023-01-01T00:00:00.000Z' },
    ];
    const records = trail();

    // Act
    const verdict = verifyChain([...legacy, ...records], headOf(records));

    // Assess
    expect(verdict).toEqual({ verified: 3, unchained: 2 });
    expect(describeVerdict(verdict)).toBe('chain verified: 3 events (2 recorded before the chain began)');
    expect(verifyChain(legacy)).toEqual({ verified: 0, unchained: 2 });
  });

  it('reads a trail with no events and no head as verified and empty', () => {
    expect(verifyChain([])).toEqual({ verified: 0, unchained: 0 });
    expect(eventIdOf(12)).toBe('s#000000000012');
  });
});
