// The audit trail's event shapes, apart from its adapter, so the chain and the writers can share them without a cycle.
export type ActorKind = 'system' | 'model' | 'person';

/** One entry of the append-only audit trail: who or what decided what, from which input, under which versions. */
export interface AuditEvent {
  readonly documentId: string;
  /** Workflow step or tool: intake, extract, score, rules, approval, finalize, quarantine, failure, operator. */
  readonly step: string;
  readonly type: string;
  readonly actor: { readonly kind: ActorKind; readonly id: string };
  readonly decision?: string;
  readonly rationale?: readonly string[];
  readonly inputHash?: string;
  readonly versions: { readonly workflow?: string; readonly model?: string; readonly rules?: string };
  readonly executionArn?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/**
 * An event as stored. Its links in the document's hash chain (audit-chain.ts) are absent only on
 * events an older deployment recorded before the chain began (eventId `k#…` or `t#…`).
 */
export interface AuditRecord extends AuditEvent {
  readonly eventId: string;
  readonly at: string;
  readonly seq?: number;
  readonly prevHash?: string;
  readonly hash?: string;
}

/** A link of a document's chain: eventId `s#<seq>`. */
export interface ChainedAuditRecord extends AuditRecord {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}
