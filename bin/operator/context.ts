import { type AuditEvent, type AuditTrail, DynamoAuditTrail } from '../../lambdas/platform/stores/audit.ts';
import { type DocumentStore, DynamoDocumentStore } from '../../lambdas/platform/stores/documents.ts';
import type { Target } from './target.ts';

/** A person acting through the CLI: every action they take is audited under their name. */
export interface Operator {
  readonly target: Target;
  readonly documents: DocumentStore;
  readonly audit: AuditTrail;
  readonly actor: { readonly kind: 'person'; readonly id: string };
  readonly now: () => Date;
}

/** The audit step every operator action is recorded under. */
export const operatorStep = 'operator';

export function operatorOn(target: Target, operatorId: string, now: () => Date = () => new Date()): Operator {
  return {
    target,
    documents: new DynamoDocumentStore(target.db, target.tables.documents, target.tables.audit),
    audit: new DynamoAuditTrail(target.db, target.tables),
    actor: { kind: 'person', id: operatorId },
    now,
  };
}

/** Records an operator action with its reason; the key makes a repeated record a no-op. */
export function auditAction(
  operator: Operator,
  event: Omit<AuditEvent, 'step' | 'actor' | 'rationale'> & { readonly reason: string },
  idempotencyKey: string,
): Promise<boolean> {
  const { reason, ...rest } = event;
  return operator.audit.append(
    { ...rest, step: operatorStep, actor: operator.actor, rationale: [reason] },
    { idempotencyKey, now: operator.now() },
  );
}
