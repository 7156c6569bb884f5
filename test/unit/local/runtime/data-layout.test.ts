import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkDataLayout,
  DataLayoutError,
  DynaliteDataError,
  dataLayoutVersion,
} from '../../../../local/runtime/data-layout.ts';

describe('checkDataLayout', () => {
  const dirs: string[] = [];
  const fresh = () => {
    const dir = mkdtempSync(join(tmpdir(), 'tower-layout-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('records the layout of a new data directory, and accepts it again', () => {
    // Prepare
    const dir = fresh();

    // Act
    checkDataLayout(dir);
    checkDataLayout(dir);

    // Assess
    expect(JSON.parse(readFileSync(join(dir, 'layout.json'), 'utf8'))).toMatchObject({
      version: dataLayoutVersion,
    });
  });

  it.each(['dynamodb', 's3', 'executions'])(
    'refuses, unchanged and saying what to do, a directory with %s data and no layout record',
    (what) => {
      // Prepare: what an earlier runtime left (document ids were content hashes).
      const dir = fresh();
      mkdirSync(join(dir, what));
      writeFileSync(join(dir, what, 'data'), 'x');

      // Act
      const check = () => checkDataLayout(dir);

      // Assess
      expect(check).toThrow(DataLayoutError);
      expect(check).toThrow(/earlier Tower .*Nothing was changed\. Move it aside .*or start with --data-dir/);
      expect(existsSync(join(dir, 'layout.json'))).toBe(false);
      expect(readFileSync(join(dir, what, 'data'), 'utf8')).toBe('x');
    },
  );

  it('refuses, unchanged and saying what to do, a current directory whose tables dynalite wrote', () => {
    // Prepare: a layout-2 directory from before DynamoDB Local, dynalite's LevelDB files in dynamodb/
    const dir = fresh();
    writeFileSync(join(dir, 'layout.json'), JSON.stringify({ version: dataLayoutVersion }));
    mkdirSync(join(dir, 'dynamodb'));
    const files = { CURRENT: 'MANIFEST-000004\n', LOCK: '', '000005.ldb': 'tables' };
    for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, 'dynamodb', name), body);

    // Act
    const check = () => checkDataLayout(dir);

    // Assess
    expect(check).toThrow(DynaliteDataError);
    expect(check).toThrow(
      /written by dynalite .*not migrated\. Nothing was changed\. Move the data directory aside \(for example mv .* or start with --data-dir/,
    );
    expect(readdirSync(join(dir, 'dynamodb')).sort()).toEqual(Object.keys(files).sort());
    for (const [name, body] of Object.entries(files))
      expect(readFileSync(join(dir, 'dynamodb', name), 'utf8')).toBe(body);
    expect(readdirSync(dir).sort()).toEqual(['dynamodb', 'layout.json']);
  });

  it('refuses a directory of another layout version', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'layout.json'), JSON.stringify({ version: 1 }));
    expect(() => checkDataLayout(dir)).toThrow(`layout 1, this is ${dataLayoutVersion}`);
  });

  it('accepts a directory with nothing but logs or an inbox of files', () => {
    const dir = fresh();
    mkdirSync(join(dir, 'logs'));
    writeFileSync(join(dir, 'logs', 'score.log'), 'line');
    expect(() => checkDataLayout(dir)).not.toThrow();
  });
});
