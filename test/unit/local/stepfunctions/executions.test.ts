import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ExecutionRecord,
  ExecutionStore,
  executionFileName,
} from '../../../../local/stepfunctions/executions.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const record = (machine: string, name: string): ExecutionRecord => ({
  executionArn: `arn:aws:states:us-east-1:000000000000:execution:${machine}:${name}`,
  stateMachineArn: `arn:aws:states:us-east-1:000000000000:stateMachine:${machine}`,
  name,
  status: 'SUCCEEDED',
  input: '{}',
  startDate: 1,
  redriveCount: 0,
  events: [],
});

describe('executionFileName', () => {
  it('keeps two machines apart and makes any valid name a safe file name', () => {
    const names = ['invoice-1', '..', 'a.b', 'ünï+@', '名前'.repeat(40)].flatMap((n) => [
      executionFileName(record('tower-local-invoice', n)),
      executionFileName(record('conformance', n)),
    ]);
    expect(new Set(names).size).toBe(names.length);
    for (const file of names) {
      expect(file).toMatch(/^[A-Za-z0-9_%~-][A-Za-z0-9_%~.-]*\.json$/);
      expect(Buffer.byteLength(file)).toBeLessThanOrEqual(255);
      expect(file).not.toContain('/');
    }
  });
});

describe('ExecutionStore', () => {
  it("moves an earlier version's <name>.json to the current file name and loads it", () => {
    const dir = mkdtempSync(join(tmpdir(), 'tower-executions-'));
    dirs.push(dir);
    const old = record('tower-local-invoice', 'invoice-abc');
    writeFileSync(join(dir, 'invoice-abc.json'), JSON.stringify(old));
    const store = new ExecutionStore(dir);
    expect(store.get(old.executionArn)?.name).toBe('invoice-abc');
    expect(readdirSync(dir)).toEqual([executionFileName(old)]);
    expect(existsSync(join(dir, 'invoice-abc.json'))).toBe(false);
  });
});
