import type { ActiveContentPolicy } from '../../../platform/inspection/active-content.ts';
import {
  type CheckedInput,
  checkInput,
  checkInspectable,
  checkSize,
  sniffKind,
  sniffLength,
} from '../../../platform/inspection/input-checks.ts';
import type { DocumentRef } from '../../../platform/shared/workflow.ts';
import type { ExtractDeps } from './ports.ts';

/** Reads only what the checks need: the first bytes of an image, the whole of a PDF up to the inspection cap. */
export async function inspectDocument(
  deps: Pick<ExtractDeps, 'headDocument' | 'readDocument'>,
  doc: DocumentRef,
  activeContent: ActiveContentPolicy = 'review',
): Promise<CheckedInput> {
  const head = await deps.headDocument(doc);
  checkSize(head.size);
  const first = await deps.readDocument(doc, sniffLength);
  const kind = sniffKind(first);
  checkInspectable(kind, head.size);
  const bytes = kind === 'pdf' && head.size > first.length ? await deps.readDocument(doc) : first;
  return checkInput(
    { size: head.size, contentType: head.contentType ?? doc.contentType, bytes },
    activeContent,
  );
}
