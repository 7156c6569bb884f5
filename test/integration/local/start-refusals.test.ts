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
import { afterAll, describe, expect, it } from 'vitest';
import { dataLayoutVersion } from '../../../local/runtime/data-layout.ts';
import { npmStart } from '../support/npm-start.ts';

// npm start refuses what it cannot run, before anything starts: one message saying what to do, exit 1,
// no stack trace, nothing written.
describe('npm start refuses early', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tower-start-refusals-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('without Java, saying what to install on Debian/Ubuntu, macOS and Windows', async () => {
    // Prepare: a PATH with nothing on it (node itself is started by its full path)
    const emptyPath = join(dir, 'empty-bin');
    mkdirSync(emptyPath);
    const dataDir = join(dir, 'no-java-data');

    // Act
    const started = npmStart(['--data-dir', dataDir], { PATH: emptyPath });
    const code = await started.exited;

    // Assess
    const output = started.lines.join('\n');
    expect(code, output).toBe(1);
    expect(output).toMatch(/^npm start: DynamoDB Local .* needs Java, and `java` is not on PATH\./m);
    expect(output).toContain('Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless');
    expect(output).toContain('macOS:         brew install openjdk@17');
    expect(output).toContain('Windows:       winget install Microsoft.OpenJDK.17');
    expect(output).not.toMatch(/^\s+at /m);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('on a data directory whose tables dynalite wrote, leaving it as it was', async () => {
    // Prepare: a layout-2 data directory from before DynamoDB Local, dynalite's LevelDB files in dynamodb/
    const dataDir = join(dir, 'dynalite-data');
    mkdirSync(join(dataDir, 'dynamodb'), { recursive: true });
    writeFileSync(join(dataDir, 'layout.json'), JSON.stringify({ version: dataLayoutVersion }));
    const files = { CURRENT: 'MANIFEST-000004\n', 'MANIFEST-000004': 'manifest', '000005.ldb': 'tables' };
    for (const [name, body] of Object.entries(files)) writeFileSync(join(dataDir, 'dynamodb', name), body);

    // Act
    const started = npmStart(['--data-dir', dataDir]);
    const code = await started.exited;

    // Assess
    const output = started.lines.join('\n');
    expect(code, output).toBe(1);
    expect(output).toMatch(/^npm start: .* holds tables written by dynalite/m);
    expect(output).toMatch(/Nothing was changed\. Move the data directory aside .* or start with --data-dir/);
    expect(output).not.toMatch(/^\s+at /m);
    expect(readdirSync(dataDir).sort()).toEqual(['dynamodb', 'layout.json']);
    for (const [name, body] of Object.entries(files))
      expect(readFileSync(join(dataDir, 'dynamodb', name), 'utf8')).toBe(body);
  });
});
