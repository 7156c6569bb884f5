import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  registerRuntime,
  runningRuntimes,
  unregisterRuntime,
} from '../../../../bin/common/runtime-registry.ts';
import { RefusedError, UsageError } from '../../../../bin/operator/errors.ts';
import { findLocalRuntime } from '../../../../bin/operator/find-runtime.ts';

let root: string;
let registry: string;
let env: Record<string, string>;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tower-find-'));
  registry = join(root, 'registry');
  env = { TOWER_RUNTIMES: registry };
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A data directory whose runtime.json names `pid`, listed in the registry as that pid's. */
function runtimeAt(name: string, pid = process.pid): string {
  const dataDir = join(root, name);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, 'runtime.json'), JSON.stringify({ pid }));
  registerRuntime(dataDir, registry, pid);
  return dataDir;
}

describe('findLocalRuntime', () => {
  it('finds the one runtime running, whatever its data directory', () => {
    // Prepare: npm start -- --data-dir <root>/elsewhere
    const elsewhere = runtimeAt('elsewhere');

    // Act / Assess
    expect(findLocalRuntime(join(root, 'cwd'), env)).toBe(elsewhere);
  });

  it("prefers ./.tower's runtime when it runs", () => {
    // Prepare
    runtimeAt('elsewhere');
    const here = runtimeAt('cwd/.tower');

    // Act / Assess
    expect(findLocalRuntime(join(root, 'cwd'), env)).toBe(here);
  });

  it('lists several running runtimes and asks for --local <dir>', () => {
    // Prepare: two live processes (this one and its parent).
    const a = runtimeAt('a');
    const b = runtimeAt('b', process.ppid);

    // Act
    const find = () => findLocalRuntime(join(root, 'cwd'), env);

    // Assess
    expect(find).toThrow(UsageError);
    expect(find).toThrow(`2 local runtimes are running; say which with --local <dir>:`);
    expect(find).toThrow(`--local ${a}`);
    expect(find).toThrow(`--local ${b}`);
  });

  it('says how to name a runtime when none runs, and forgets those that died', () => {
    // Prepare: a runtime killed with its entry left behind (a pid no process has).
    runtimeAt('dead', 2 ** 22 + 17);

    // Act
    const find = () => findLocalRuntime(join(root, 'cwd'), env);

    // Assess
    expect(find).toThrow(RefusedError);
    expect(find).toThrow('pass --local <dir> for one started with --data-dir <dir>');
    expect(runningRuntimes(registry)).toEqual([]);
  });

  it('forgets a runtime that stopped', () => {
    // Prepare
    const dataDir = runtimeAt('stopped');

    // Act
    unregisterRuntime(dataDir, registry);

    // Assess
    expect(runningRuntimes(registry)).toEqual([]);
  });

  it('refuses a registry directory others may write', () => {
    // Prepare
    mkdirSync(registry, { recursive: true });
    chmodSync(registry, 0o777);

    // Act / Assess
    expect(() => runningRuntimes(registry)).toThrow('is not this user');
  });
});
