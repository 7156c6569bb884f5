import type { AuditRecord } from '../../lambdas/platform/stores/audit.ts';
import type { DocumentRecord } from '../../lambdas/platform/stores/documents.ts';

/** What a person can do next about a document that waits on them: a command to run, or links to open. */
export interface NextStep {
  readonly text: string;
  /** A command to copy into a terminal. */
  readonly command?: string;
  /** The approval links sent for the document, with whom each was sent to. */
  readonly links?: readonly { readonly to: string; readonly link: string }[];
}

/** An approval link as the mailbox holds it. */
export interface SentLink {
  readonly to: string;
  readonly link: string;
}

const quoted = (path: string) =>
  /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replaceAll("'", "'\\''")}'`;

/** The human tasks a document's audit trail names (APPROVAL_REQUESTED and the rest carry the task id). */
function approvalIdsOf(audit: readonly AuditRecord[]): Set<string> {
  const ids = new Set<string>();
  for (const event of audit) {
    const id = (event.details as { approvalId?: unknown } | undefined)?.approvalId;
    if (typeof id === 'string') ids.add(id);
  }
  return ids;
}

/**
 * The next step for a FAILED document (the operator's redrive, against this runtime's data directory)
 * and for one AWAITING_APPROVAL (its approval links from the mailbox); none for the rest.
 */
export function nextStepOf(
  document: DocumentRecord,
  audit: readonly AuditRecord[],
  sent: readonly SentLink[],
  dataDir: string,
): NextStep | undefined {
  if (document.status === 'FAILED') {
    const where = document.failedStep ? ` in ${document.failedStep}` : '';
    const cause = document.errorName ? ` (${document.failureClass ?? 'failure'}: ${document.errorName})` : '';
    return {
      text: `It failed${where}${cause}. Once the cause is fixed, run it again:`,
      command: `npm run tower -- redrive ${document.documentId} --local ${quoted(dataDir)} --reason "<why it can run now>"`,
    };
  }
  if (document.status === 'AWAITING_APPROVAL') {
    const ids = approvalIdsOf(audit);
    const links = sent.filter((s) => [...ids].some((id) => s.link.includes(`/a/${id}/`)));
    return {
      text:
        links.length > 0
          ? 'Waiting for a person to decide. Open the link sent to them (also in the Mailbox tab):'
          : 'Waiting for a person to decide; the email with their link is on its way (see the Mailbox tab).',
      links: links.map(({ to, link }) => ({ to, link })),
    };
  }
  return undefined;
}
