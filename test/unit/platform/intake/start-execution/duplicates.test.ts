import { describe, expect, it } from 'vitest';
import { startDocument } from '../../../../../lambdas/platform/intake/start-execution/start-document.ts';
import { contentSha256, documentId, documentRecord } from '../../shared/support/builders.ts';
import { created, starter } from './support.ts';

describe('startDocument: duplicates', () => {
  it('names both files in DUPLICATE_RECEIVED and removes the duplicate from intake, with the ETag it read', async () => {
    // Prepare
    const f = starter({
      documents: [documentRecord({ status: 'COMPLETED' })],
      content: { sha256: contentSha256, size: 4096, eTag: '"etag-of-copy"' },
    });

    // Act
    const outcome = await startDocument(
      f.deps,
      created({ key: 'invoices/copy.pdf', eventIdentity: 'seq-2' }),
    );

    // Assess
    expect(outcome).toBe('duplicate-document');
    expect(f.starts).toEqual([]);
    expect(f.audit.ofType('DUPLICATE_RECEIVED')).toMatchObject([
      {
        documentId,
        decision: 'not processed again',
        rationale: [
          'copy.pdf has the same content as acme-0107.pdf, received 2025-03-01T08:00:00.000Z; its intake object is removed',
        ],
        details: { key: 'invoices/copy.pdf', firstKey: 'invoices/acme-0107.pdf', intake: 'removed' },
      },
    ]);
    expect(f.removed).toEqual([{ key: 'invoices/copy.pdf', eTag: '"etag-of-copy"' }]);
  });

  it('records the duplicate once and finishes the removal when the event comes again after a cut-off', async () => {
    // Prepare: the first try recorded the duplicate, then the removal failed.
    const f = starter({ documents: [documentRecord({ status: 'COMPLETED' })] });
    const copy = created({ key: 'invoices/copy.pdf', eventIdentity: 'seq-2' });
    const remove = f.deps.removeDuplicate;
    const cutOff = { ...f.deps, removeDuplicate: async () => Promise.reject(new Error('socket hang up')) };
    await expect(startDocument(cutOff, copy)).rejects.toThrow('socket hang up');
    f.time.advance(5 * 60 * 1000);

    // Act
    const outcome = await startDocument({ ...f.deps, removeDuplicate: remove }, copy);

    // Assess
    expect(outcome).toBe('duplicate-document');
    expect(f.audit.ofType('DUPLICATE_RECEIVED')).toHaveLength(1);
    expect(f.removed.map((r) => r.key)).toEqual(['invoices/copy.pdf']);
  });

  it("leaves the document's own key alone when the same file is uploaded again under it", async () => {
    // Prepare: a versioned bucket, the same key, a new version.
    const f = starter({ documents: [documentRecord({ status: 'COMPLETED', versionId: 'v1' })] });

    // Act
    const outcome = await startDocument(f.deps, created({ versionId: 'v2', eventIdentity: 'v2' }));

    // Assess
    expect(outcome).toBe('duplicate-document');
    expect(f.audit.ofType('DUPLICATE_RECEIVED')).toMatchObject([
      { details: { key: 'invoices/acme-0107.pdf', firstKey: 'invoices/acme-0107.pdf' } },
    ]);
    expect(f.audit.ofType('DUPLICATE_RECEIVED')[0]?.details).not.toHaveProperty('intake');
    expect(f.removed).toEqual([]);
  });

  it('names a file submitted under a safe name by the name it had', async () => {
    // Prepare
    const f = starter({
      content: { sha256: contentSha256, size: 10, originalName: 'inv\\xFF\\u202Efdp.exe' },
    });

    // Act
    await startDocument(f.deps, created({ key: 'invoices/inv__fdp.exe' }));

    // Assess
    expect(f.audit.ofType('DOCUMENT_RECEIVED')).toMatchObject([
      {
        rationale: ['submitted as inv__fdp.exe; the file was named inv\\xFF\\u202Efdp.exe'],
        details: { key: 'invoices/inv__fdp.exe', originalName: 'inv\\xFF\\u202Efdp.exe' },
      },
    ]);
  });
});
