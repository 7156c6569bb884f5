import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

// s3rver keeps `<key>._S3rver_object`, then `.md5`, then `<key>._S3rver_metadata.json`, written in that order.
const objectSuffix = '._S3rver_object';
const metadataSuffix = '._S3rver_metadata.json';

/**
 * Removes objects whose upload a hard stop cut off (no complete metadata file), as S3's PUT is atomic:
 * such an object never existed for the client, which got no answer and uploads it again. Left in
 * place, a truncated metadata file fails every listing of its bucket. Returns the keys' files removed.
 */
export function removeIncompleteObjects(directory: string): string[] {
  if (!existsSync(directory)) return [];
  const removed: string[] = [];
  for (const entry of readdirSync(directory, { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith(objectSuffix)) continue;
    const object = join(directory, entry);
    const base = object.slice(0, -objectSuffix.length);
    if (isCompleteMetadata(`${base}${metadataSuffix}`)) continue;
    for (const file of [object, `${object}.md5`, `${base}${metadataSuffix}`]) rmSync(file, { force: true });
    removed.push(entry);
  }
  return removed;
}

function isCompleteMetadata(path: string): boolean {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return parsed !== null && typeof parsed === 'object';
  } catch {
    return false;
  }
}
