import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { bucketsDirName, resourceMarker, resourcePath } from './s3-keys.ts';

/** What moving an earlier version's local S3 data did. */
export interface LegacyMigration {
  /** Objects moved to the verbatim-key layout. */
  readonly objects: number;
  readonly buckets: readonly string[];
  /** Files found outside any bucket or not recognised, left where they are (nothing serves them). */
  readonly leftInPlace: readonly string[];
}

/**
 * Moves data an earlier version left in `<directory>/<bucket>/<key as path>._S3rver_*` into the
 * verbatim-key layout under `<directory>/_buckets/`. Each file is renamed (no copy, nothing deleted), so
 * a migration cut off by a crash resumes on the next start; files it cannot place stay where they are.
 */
export function migrateLegacyLayout(directory: string): LegacyMigration {
  const moved = { objects: 0, buckets: new Set<string>(), leftInPlace: [] as string[] };
  if (!existsSync(directory)) return { objects: 0, buckets: [], leftInPlace: [] };
  const bucketsDir = join(directory, bucketsDirName);
  for (const entry of readdirSync(directory)) {
    if (entry === bucketsDirName) continue;
    const path = join(directory, entry);
    if (!statSync(path).isDirectory()) {
      // A key with enough `../` wrote here, outside every bucket: there is no telling which bucket it was.
      moved.leftInPlace.push(entry);
      continue;
    }
    // s3rver served every directory here as a bucket, empty ones included.
    mkdirSync(join(bucketsDir, entry), { recursive: true });
    moved.buckets.add(entry);
    for (const file of resourceFiles(path)) {
      const rel = relative(path, file).split(sep).join('/');
      const at = rel.lastIndexOf(resourceMarker);
      const key = rel.slice(0, at);
      const resource = rel.slice(at + resourceMarker.length);
      const target = resourcePath(bucketsDir, entry, key, resource);
      try {
        mkdirSync(dirname(target), { recursive: true });
        renameSync(file, target);
        if (resource === 'object') moved.objects += 1;
      } catch {
        moved.leftInPlace.push(join(entry, rel));
      }
    }
    removeEmptyDirs(path);
    if (existsSync(path)) moved.leftInPlace.push(...leftovers(path).map((f) => join(entry, f)));
  }
  return { objects: moved.objects, buckets: [...moved.buckets].sort(), leftInPlace: moved.leftInPlace };
}

/** One line for whoever starts the runtime, or undefined when there was nothing to move. */
export function describeMigration(m: LegacyMigration, directory: string): string | undefined {
  if (m.buckets.length === 0 && m.leftInPlace.length === 0) return undefined;
  const lines = [
    `Local S3: moved ${m.objects} object(s) of ${m.buckets.join(', ') || 'no bucket'} from the earlier on-disk layout (keys as paths) to ${join(directory, bucketsDirName)} (keys stored verbatim).`,
  ];
  if (m.leftInPlace.length > 0)
    lines.push(
      `Local S3: ${m.leftInPlace.length} file(s) in ${directory} belong to no bucket (written by keys with ../ before this version) and were left in place: ${m.leftInPlace.slice(0, 5).join(', ')}${m.leftInPlace.length > 5 ? ', …' : ''}`,
    );
  return lines.join('\n');
}

/** Files (and s3rver's upload directories) named `<key>._S3rver_<resource>` under a legacy bucket directory. */
function resourceFiles(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name.includes(resourceMarker)) found.push(path);
    else if (statSync(path).isDirectory()) found.push(...resourceFiles(path));
  }
  return found;
}

function removeEmptyDirs(dir: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) removeEmptyDirs(path);
  }
  if (readdirSync(dir).length === 0) rmdirSync(dir);
}

function leftovers(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
    (f) => !statSync(join(dir, f)).isDirectory(),
  );
}
