import {
  type AppendOptions,
  type AuditEvent,
  type AuditRecord,
  type AuditTrail,
  type ChainedAuditRecord,
  orderTrail,
} from '../../../../../lambdas/platform/stores/audit.ts';
import {
  type ChainHead,
  genesis,
  headAfter,
  linkEvents,
} from '../../../../../lambdas/platform/stores/audit-chain.ts';

/** Where the heads of documents' chains live: on their records, which MemoryDocuments keeps. */
export interface HeadKeeper {
  /** The head on the document's record; undefined when there is no record. */
  headOf(documentId: string): ChainHead | undefined;
  setHead(documentId: string, head: ChainHead): void;
}

/**
 * The audit trail in memory, with DynamoDB's chain: each document's events linked by seq and hash, the
 * head on the document record (or, for a trail with no record, kept by the trail), an idempotency key
 * recorded once. `link` is synchronous, so a fake store's change and its events are one write.
 */
export class MemoryAudit implements AuditTrail {
  readonly records: ChainedAuditRecord[] = [];
  private readonly markers = new Set<string>();
  private readonly trailHeads = new Map<string, ChainHead>();
  private heads?: HeadKeeper;
  private tick = 0;

  /** Keeps documents' heads on their records from now on (MemoryDocuments calls this). */
  keepHeadsWith(heads: HeadKeeper): void {
    this.heads = heads;
  }

  /** Appends events as their document's next links, at once; undefined (nothing written) when the key was recorded. */
  link(
    documentId: string,
    events: readonly AuditEvent[],
    options: AppendOptions = {},
  ): ChainedAuditRecord[] | undefined {
    const marker =
      options.idempotencyKey === undefined ? undefined : `${documentId}\n${options.idempotencyKey}`;
    if (marker !== undefined && this.markers.has(marker)) return undefined;
    this.tick += 1;
    const at = (options.now ?? new Date(Date.UTC(2025, 0, 1, 0, 0, 0, this.tick))).toISOString();
    const onRecord = this.heads?.headOf(documentId);
    const head = onRecord ?? this.trailHeads.get(documentId) ?? genesis;
    const linked = linkEvents(head, events, at);
    this.records.push(...linked);
    const next = headAfter(head, linked);
    if (onRecord && this.heads) this.heads.setHead(documentId, next);
    else this.trailHeads.set(documentId, next);
    if (marker !== undefined) this.markers.add(marker);
    return linked;
  }

  async append(event: AuditEvent, options: AppendOptions = {}): Promise<boolean> {
    return this.link(event.documentId, [event], options) !== undefined;
  }

  async list(documentId: string): Promise<AuditRecord[]> {
    return orderTrail(this.records.filter((r) => r.documentId === documentId)).map((r) => ({ ...r }));
  }

  async head(documentId: string): Promise<ChainHead | undefined> {
    return this.heads?.headOf(documentId) ?? this.trailHeads.get(documentId);
  }

  /** The event types recorded, in order. */
  types(): string[] {
    return this.records.map((r) => r.type);
  }

  ofType(type: string): ChainedAuditRecord[] {
    return this.records.filter((r) => r.type === type);
  }

  get trail(): AuditTrail {
    return this;
  }
}
