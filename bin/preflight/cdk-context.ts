import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The context `cdk synth` reads in `dir`: cdk.json's, then cdk.context.json's, then `-c` overrides. */
export function cdkContext(
  dir: string,
  overrides: Readonly<Record<string, string>>,
): Record<string, unknown> {
  const read = (file: string, key?: string): Record<string, unknown> => {
    const path = join(dir, file);
    if (!existsSync(path)) return {};
    const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    const value = key === undefined ? json : json[key];
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  };
  return { ...read('cdk.json', 'context'), ...read('cdk.context.json'), ...overrides };
}
