import { canonicalJson } from '../shared/canonical-json.ts';
import { sha256Hex } from '../shared/hash.ts';
import type { AuditEvent, AuditRecord, ChainedAuditRecord } from './audit-event.ts';

/**
 * A document's audit events form a hash chain: event n carries `seq` n, the `hash` of event n-1 as
 * `prevHash` (the genesis value for event 1) and its own `hash`, the SHA-256 (hex) of the canonical
 * JSON (shared/canonical-json.ts, RFC 8785) of every stored field but `hash` itself: documentId,
 * eventId, seq, at, prevHash and the event's own fields. The chain's head (last seq and hash) is kept
 * with the document, so a missing tail shows too.
 */

/** The prevHash of a chain's first event. */
export const genesisHash = '0'.repeat(64);

/** The last link of a chain: its seq and hash (seq 0 and the genesis hash before the first event). */
export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

export const genesis: ChainHead = { seq: 0, hash: genesisHash };

/** The head a document record holds; a record from before the chain holds none (seq 0, genesis). */
export const headOnRecord = (record: {
  readonly auditSeq?: number;
  readonly auditHash?: string;
}): ChainHead => ({
  seq: record.auditSeq ?? genesis.seq,
  hash: record.auditHash ?? genesis.hash,
});

/** The sort key of the event at `seq`: zero-padded, so the table lists a chain in order. */
export const eventIdOf = (seq: number): string => `s#${String(seq).padStart(12, '0')}`;

/** Whether a stored item is a link of a chain (events recorded before the chain have `k#`/`t#` ids). */
export const isChained = (record: AuditRecord): record is ChainedAuditRecord =>
  record.eventId.startsWith('s#');

/** The hash an event must carry: SHA-256 of the canonical JSON of all its fields but `hash`. */
export function hashOf(record: Readonly<Record<string, unknown>>): string {
  const { hash: _hash, ...fields } = record;
  return sha256Hex(canonicalJson(fields));
}

/**
 * The events as the next links after `head`, all at `at`, each in the form DynamoDB stores and
 * returns it (storedForm), so the hash a reader recomputes is the one written.
 */
export function linkEvents(head: ChainHead, events: readonly AuditEvent[], at: string): ChainedAuditRecord[] {
  const records: ChainedAuditRecord[] = [];
  let previous = head;
  for (const event of events) {
    const seq = previous.seq + 1;
    const unhashed = storedForm({ ...event, eventId: eventIdOf(seq), seq, at, prevHash: previous.hash });
    const record = { ...unhashed, hash: hashOf(unhashed) } as ChainedAuditRecord;
    records.push(record);
    previous = { seq, hash: record.hash };
  }
  return records;
}

/** The head after `records`, or `head` when there are none. */
export const headAfter = (head: ChainHead, records: readonly ChainedAuditRecord[]): ChainHead => {
  const last = records.at(-1);
  return last ? { seq: last.seq, hash: last.hash } : head;
};

/** What is wrong with the first broken link of a chain. */
export type ChainBreak =
  /** No event at this seq: deleted, or never written under the chain's rule. */
  | { readonly seq: number; readonly problem: 'missing' }
  /** The event does not name the previous event's hash. */
  | { readonly seq: number; readonly problem: 'prev-hash'; readonly expected: string; readonly found: string }
  /** The event's fields do not hash to the hash it carries: it was changed after it was written. */
  | { readonly seq: number; readonly problem: 'hash'; readonly expected: string; readonly found: string }
  /** The head kept with the document names another last event (events added or replaced after it). */
  | { readonly seq: number; readonly problem: 'head'; readonly expected: string; readonly found: string };

export interface ChainVerdict {
  /** Chained events verified, in order, before the first broken link (all of them when unbroken). */
  readonly verified: number;
  /** Events recorded before the chain began (`k#`/`t#` ids of an older deployment): listed, never linked. */
  readonly unchained: number;
  readonly broken?: ChainBreak;
}

/**
 * Verifies a document's chain and names its first broken link. Events recorded before the chain
 * began (an older deployment's `k#`/`t#` items) are counted, not checked: the chain starts at the first
 * `s#` event. With the head kept with the document, a chain that stops short of it, or runs past it,
 * is broken too.
 *
 * @example
 * const verdict = verifyChain(await audit.list(id), await audit.head(id));
 * if (verdict.broken) console.log(describeVerdict(verdict));
 */
export function verifyChain(records: readonly AuditRecord[], head?: ChainHead): ChainVerdict {
  const chained = records.filter(isChained).sort((a, b) => (a.eventId < b.eventId ? -1 : 1));
  const unchained = records.length - chained.length;
  let previous = genesis;
  for (const record of chained) {
    const seq = previous.seq + 1;
    if (record.eventId !== eventIdOf(seq))
      return { verified: previous.seq, unchained, broken: { seq, problem: 'missing' } };
    if (record.prevHash !== previous.hash) {
      const broken = { seq, problem: 'prev-hash', expected: previous.hash, found: String(record.prevHash) };
      return { verified: previous.seq, unchained, broken } as ChainVerdict;
    }
    const expected = hashOf(record as unknown as Record<string, unknown>);
    if (record.hash !== expected) {
      const broken = { seq, problem: 'hash', expected, found: String(record.hash) };
      return { verified: previous.seq, unchained, broken } as ChainVerdict;
    }
    previous = { seq, hash: record.hash };
  }
  if (head && head.seq > previous.seq)
    return { verified: previous.seq, unchained, broken: { seq: previous.seq + 1, problem: 'missing' } };
  if (head && (head.seq !== previous.seq || head.hash !== previous.hash)) {
    // Events past the head: the first of them; the same seq with another hash: that one.
    const seq = head.seq < previous.seq ? head.seq + 1 : head.seq;
    const broken = { seq, problem: 'head', expected: head.hash, found: previous.hash };
    return { verified: previous.seq, unchained, broken } as ChainVerdict;
  }
  return { verified: previous.seq, unchained };
}

/** One line for people: "chain verified: 12 events" or what is wrong at which seq. */
export function describeVerdict(verdict: ChainVerdict): string {
  const before = verdict.unchained > 0 ? ` (${verdict.unchained} recorded before the chain began)` : '';
  const { broken } = verdict;
  if (!broken) return `chain verified: ${verdict.verified} events${before}`;
  const at = `chain broken at seq ${broken.seq}`;
  switch (broken.problem) {
    case 'missing':
      return `${at}: the event is missing${before}`;
    case 'prev-hash':
      return `${at}: its prevHash ${short(broken.found)} is not the hash of seq ${broken.seq - 1} (${short(broken.expected)})${before}`;
    case 'hash':
      return `${at}: its fields hash to ${short(broken.expected)}, not to the hash it carries (${short(broken.found)}); it was changed after it was written${before}`;
    case 'head':
      return `${at}: the document's head names ${short(broken.expected)}, the trail ends at ${short(broken.found)}${before}`;
  }
}

const short = (hash: string) => hash.slice(0, 12);

/**
 * A value as DynamoDB stores it through the document client (removeUndefinedValues): undefined
 * members and list items left out, functions dropped, `toJSON` applied (a Date becomes its string),
 * and lone UTF-16 surrogates (which UTF-8 cannot carry) replaced by U+FFFD.
 */
export function storedForm<T>(value: T): T {
  return stored(value) as T;
}

function stored(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(loneSurrogate, '\ufffd');
  if (value === null || typeof value !== 'object') return value;
  if ('toJSON' in value && typeof value.toJSON === 'function') return stored(value.toJSON());
  if (Array.isArray(value)) return value.filter((item) => item !== undefined).map(stored);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value))
    if (item !== undefined && typeof item !== 'function')
      out[key.replace(loneSurrogate, '\ufffd')] = stored(item);
  return out;
}

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
