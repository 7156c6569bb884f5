import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The layout of a local data directory, recorded in `layout.json`. Version 2: document ids are
 * derived from (process, content hash), keys are stored verbatim in the local S3. Data from before has
 * other ids throughout (tables, objects, executions), so it is refused, unchanged, with what to do.
 */
export const dataLayoutVersion = 2;
const fileName = 'layout.json';
/** What an earlier runtime left in a data directory. */
const dataOfAnyVersion = ['dynamodb', 's3', 'executions'];

export class DataLayoutError extends Error {
  constructor(
    readonly dataDir: string,
    found: string,
  ) {
    super(
      `${dataDir} holds data of an earlier Tower (${found}): document ids were content hashes and are now ` +
        `derived from the process and the content hash, so it cannot be read. Nothing was changed. Move it aside ` +
        `(for example mv ${dataDir} ${dataDir}-earlier) or start with --data-dir <another directory>.`,
    );
    this.name = 'DataLayoutError';
  }
}

/** Where dynalite, the DynamoDB stand-in before AWS's DynamoDB Local, kept its tables (LevelDB files). */
const dynaliteFolder = 'dynamodb';

export class DynaliteDataError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `${dataDir} holds tables written by dynalite (${join(dataDir, dynaliteFolder)}), which Tower no longer ` +
        "runs: AWS's DynamoDB Local cannot read its files, and they are not migrated. Nothing was changed. " +
        `Move the data directory aside (for example mv ${dataDir} ${dataDir}-dynalite) or start with ` +
        '--data-dir <another directory>; its documents, statuses and audit stay in the moved folder.',
    );
    this.name = 'DynaliteDataError';
  }
}

function holdsData(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).some((entry) => !entry.startsWith('.'));
}

/**
 * Accepts a new or current data directory (recording its layout); refuses, before writing anything,
 * an earlier one and one whose tables dynalite wrote.
 */
export function checkDataLayout(dataDir: string): void {
  const path = join(dataDir, fileName);
  if (existsSync(path)) {
    let version: unknown;
    try {
      version = (JSON.parse(readFileSync(path, 'utf8')) as { version?: unknown }).version;
    } catch {
      version = undefined;
    }
    if (version !== dataLayoutVersion)
      throw new DataLayoutError(dataDir, `layout ${String(version)}, this is ${dataLayoutVersion}`);
    if (holdsData(join(dataDir, dynaliteFolder))) throw new DynaliteDataError(dataDir);
    return;
  }
  const found = dataOfAnyVersion.filter((name) => holdsData(join(dataDir, name)));
  if (found.length > 0) throw new DataLayoutError(dataDir, `${found.join(', ')} without a layout record`);
  writeFileSync(
    path,
    `${JSON.stringify({ version: dataLayoutVersion, documentIds: 'process and content hash' })}\n`,
  );
}
