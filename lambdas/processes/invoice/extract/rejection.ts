import * as z from 'zod/mini';
import { bucketPrefixes } from '../../../platform/registry/names.ts';
import { InputRejectedError, rejectionReasons } from '../../../platform/shared/errors.ts';
import type { ExtractedDocument } from './artifact.ts';
import type { ArtifactPorts } from './ports.ts';
import { parseStoredJson } from './stored-json.ts';

/**
 * A refused input, kept beside where its extraction would be: the refusal reaches the workflow as a
 * task failure, and when that wait has already timed out, the recovery reads it here instead, so a bad
 * file is still quarantined with its reason rather than failed as "never extracted".
 */
export function rejectionKey(document: ExtractedDocument): string {
  return `${bucketPrefixes.extractions}${document.process}/${document.documentId}.rejected.json`;
}

const recordSchema = z.object({ reason: z.enum(rejectionReasons), message: z.string() });

export async function recordRejection(
  ports: Pick<ArtifactPorts, 'writeArtifact'>,
  document: ExtractedDocument,
  rejection: InputRejectedError,
): Promise<void> {
  const message = rejection.message.replace(/^\[[^\]]+\] /, '');
  await ports.writeArtifact(rejectionKey(document), JSON.stringify({ reason: rejection.reason, message }));
}

/** The recorded refusal as the error it was, or undefined when there is none (or it is unreadable). */
export async function recordedRejection(
  ports: Pick<ArtifactPorts, 'readArtifact'>,
  document: ExtractedDocument,
): Promise<InputRejectedError | undefined> {
  const body = await ports.readArtifact(rejectionKey(document));
  if (body === undefined) return undefined;
  const record = parseStoredJson(recordSchema, body);
  return record ? new InputRejectedError(record.reason, record.message) : undefined;
}
