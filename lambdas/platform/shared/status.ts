/**
 * The document status model. Status only moves forward along these edges; a write that would move it
 * backwards, or that comes from an execution that does not own the document, is refused by DynamoDB.
 */
export const statuses = [
  'RECEIVED',
  'QUEUED',
  'EXECUTING',
  'AWAITING_APPROVAL',
  'COMPLETED',
  'REJECTED',
  'REJECTED_INPUT',
  'FAILED',
  'COMPENSATED',
] as const;
export type DocumentStatus = (typeof statuses)[number];

/** Terminal statuses: a document here has reached its end (FAILED can still be redriven by an operator). */
export const terminalStatuses: ReadonlySet<DocumentStatus> = new Set([
  'COMPLETED',
  'REJECTED',
  'REJECTED_INPUT',
  'FAILED',
  'COMPENSATED',
]);

/** Allowed transitions: `to` → the statuses it may be reached from. */
export const allowedFrom: Readonly<Record<DocumentStatus, readonly DocumentStatus[]>> = {
  RECEIVED: [],
  QUEUED: ['RECEIVED', 'FAILED'],
  EXECUTING: ['QUEUED', 'AWAITING_APPROVAL', 'FAILED'],
  AWAITING_APPROVAL: ['QUEUED', 'EXECUTING'],
  COMPLETED: ['QUEUED', 'EXECUTING', 'AWAITING_APPROVAL'],
  REJECTED: ['QUEUED', 'EXECUTING', 'AWAITING_APPROVAL'],
  REJECTED_INPUT: ['RECEIVED', 'QUEUED', 'EXECUTING'],
  FAILED: ['RECEIVED', 'QUEUED', 'EXECUTING', 'AWAITING_APPROVAL'],
  COMPENSATED: ['RECEIVED', 'QUEUED', 'EXECUTING', 'AWAITING_APPROVAL', 'FAILED'],
};

export function canTransition(from: DocumentStatus, to: DocumentStatus): boolean {
  return allowedFrom[to].includes(from);
}

export function isTerminal(status: DocumentStatus): boolean {
  return terminalStatuses.has(status);
}

export function isStatus(value: unknown): value is DocumentStatus {
  return typeof value === 'string' && (statuses as readonly string[]).includes(value);
}
