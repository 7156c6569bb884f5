import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, sep } from 'node:path';
import { keyOfDiskName, metadataSuffix, objectSuffix } from './s3-keys.ts';

/**
 * Removes objects whose upload a hard stop cut off (no complete metadata file), as S3's PUT is atomic:
 * such an object never existed for the client, which got no answer and uploads it again. Left in
 * place, a truncated metadata file fails every listing of its bucket. s3rver writes the object, then
 * its `.md5`, then its metadata. `bucketsDir` holds one directory per bucket; returns `bucket/key` of
 * each object removed.
 */
export function removeIncompleteObjects(bucketsDir: string): string[] {
  if (!existsSync(bucketsDir)) return [];
  const removed: string[] = [];
  for (const entry of readdirSync(bucketsDir, { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith(objectSuffix)) continue;
    const object = join(bucketsDir, entry);
    const base = object.slice(0, -objectSuffix.length);
    if (isCompleteMetadata(`${base}${metadataSuffix}`)) continue;
    for (const file of [object, `${object}.md5`, `${base}${metadataSuffix}`]) rmSync(file, { force: true });
    const [bucket = '', ...name] = entry.slice(0, -objectSuffix.length).split(sep);
    removed.push(`${bucket}/${keyOfDiskName(name.join('/'))}`);
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
