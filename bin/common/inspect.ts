import { PutObjectCommand } from '@aws-sdk/client-s3';
import { sha256Hex } from '../../lambdas/platform/shared/hash.ts';
import type { DocumentStatus } from '../../lambdas/platform/shared/status.ts';
import { documentIdOf } from '../../lambdas/platform/shared/workflow.ts';
import { type AuditRecord, DynamoAuditTrail } from '../../lambdas/platform/stores/audit.ts';
import { type DocumentRecord, DynamoDocumentStore } from '../../lambdas/platform/stores/documents.ts';
import { scanDocuments } from '../../local/runtime/documents-scan.ts';
import type { LocalRuntime } from '../../local/runtime/runtime.ts';
import { describeWhenEnded } from '../operator/history.ts';

/** Read access to documents, audit and mail of a running local runtime, for tools, demos and tests. */
export function inspect(
  runtime: Pick<LocalRuntime, 'catalog' | 'clients' | 'names' | 'mailbox' | 'endpoints'>,
) {
  const tables = { documents: runtime.names.table('documents'), audit: runtime.names.table('audit') };
  const documents = new DynamoDocumentStore(runtime.clients.documents, tables.documents, tables.audit);
  const audit = new DynamoAuditTrail(runtime.clients.documents, tables);

  return {
    /** Drops a file into the process's intake prefix, as an operator would; returns its document id. */
    async drop(
      processId: string,
      fileName: string,
      body: Uint8Array,
      metadata?: Record<string, string>,
    ): Promise<string> {
      const process = runtime.catalog.processes.find((p) => p.id === processId);
      if (!process) throw new Error(`unknown process ${processId}`);
      await runtime.clients.s3.send(
        new PutObjectCommand({
          Bucket: runtime.names.bucket,
          Key: `${process.intakePrefix}${fileName}`,
          Body: body,
          Metadata: metadata,
        }),
      );
      return documentIdOf(process.id, sha256Hex(body));
    },

    document: (documentId: string) => documents.get(documentId),
    audit: (documentId: string): Promise<AuditRecord[]> => audit.list(documentId),

    /** Every document (a scan: fine for local volumes). */
    documents: (): Promise<DocumentRecord[]> =>
      scanDocuments(runtime.clients.documents, runtime.names.table('documents')),

    /** Waits until the document reaches one of the statuses; throws with its last status on timeout. */
    async waitForStatus(
      documentId: string,
      statuses: readonly DocumentStatus[],
      timeoutMs = 60_000,
    ): Promise<DocumentRecord> {
      const until = Date.now() + timeoutMs;
      let last: DocumentRecord | undefined;
      while (Date.now() < until) {
        last = await documents.get(documentId);
        if (last && statuses.includes(last.status)) return last;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(
        `document ${documentId.slice(0, 12)} did not reach ${statuses.join('/')} (last: ${last?.status ?? 'none'})`,
      );
    },

    /**
     * Waits until the document ends in one of the statuses and its execution has ended too: a status
     * is written before the step's own audit record and the execution's last state.
     */
    async waitForEnd(
      documentId: string,
      statuses: readonly DocumentStatus[],
      timeoutMs = 60_000,
    ): Promise<DocumentRecord> {
      const until = Date.now() + timeoutMs;
      const ended = await this.waitForStatus(documentId, statuses, timeoutMs);
      const owner = ended.ownerExecution;
      if (
        owner &&
        (await describeWhenEnded(runtime.clients.sfn, owner, until - Date.now(), 50))?.status === 'RUNNING'
      )
        throw new Error(`execution ${owner} still running after ${ended.status}`);
      return ended;
    },

    /** Waits until at least `count` approval links match (the status moves before the emails go out). */
    async waitForApprovalLinks(
      match: (link: { to: string; subject: string }) => boolean,
      count = 1,
      timeoutMs = 10_000,
    ): Promise<{ to: string; link: string; subject: string }[]> {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const links = (await this.approvalLinks()).filter(match);
        if (links.length >= count) return links;
        if (Date.now() > until) throw new Error(`only ${links.length} of ${count} approval links arrived`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },

    /** Approval links sent so far, newest last, with their recipients. */
    async approvalLinks(): Promise<{ to: string; link: string; subject: string }[]> {
      const pattern = new RegExp(
        `${runtime.endpoints.approvals.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/a/[A-Za-z0-9_-]+/[A-Za-z0-9_-]+`,
        'g',
      );
      const mail = await runtime.mailbox();
      return mail.flatMap((m) =>
        [...new Set(m.text?.match(pattern) ?? [])].map((link) => ({
          to: m.to.join(','),
          link,
          subject: m.subject,
        })),
      );
    },
  };
}
