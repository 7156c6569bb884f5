import { visibleText } from '../../lambdas/platform/shared/visible-text.ts';
import type { DocumentRecord } from '../../lambdas/platform/stores/documents.ts';
import type { InboxFile } from './inbox.ts';

/**
 * What the terminal says of a file the inbox submitted: its document, the name it was submitted
 * under when its own could not be used, and, when a document with the same content was there before
 * it (`first`), that it is a duplicate of which file, so it is not processed again.
 */
export function submittedLine(file: InboxFile, documentId: string, first?: DocumentRecord): string {
  const from = `inbox: ${file.processId}/${file.name.shown}`;
  const renamed = file.name.original
    ? ` under the safe name ${file.name.name} (its own name is kept as metadata original-name)`
    : '';
  const id = documentId.slice(0, 12);
  if (!first) return `${from} submitted${renamed} as document ${id}`;
  const firstName = first.key.split('/').pop() ?? first.key;
  const same = firstName === file.name.name;
  return same
    ? `${from} was already submitted (document ${id}, ${first.status}): not processed again`
    : `${from} is a DUPLICATE of ${visibleText(firstName)} (document ${id}, ${first.status}): not processed again${renamed}`;
}

/** The terminal's line for a file the inbox cannot handle. */
export const problemLine = (file: string, message: string) => `inbox: ${file} ${visibleText(message)}`;
