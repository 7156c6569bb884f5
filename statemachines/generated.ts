import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { withDefaultRetry } from './default-retry.ts';
import { type Definition, expandHumanSteps } from './human-step.ts';

/** A process's workflow source next to its ASL file: `invoice.asl.json` ← `invoice.workflow.json`. */
export function sourcePathOf(definitionPath: string): string | undefined {
  const source = definitionPath.replace(/\.asl\.json$/, '.workflow.json');
  return source !== definitionPath && existsSync(source) ? source : undefined;
}

/**
 * The ASL a workflow source generates: its human steps expanded, the platform's Retry on each Lambda Task
 * that names none, and a comment saying where it came from.
 */
export function generateDefinition(sourcePath: string): Definition {
  const source = JSON.parse(readFileSync(sourcePath, 'utf8')) as Definition;
  const expanded = withDefaultRetry(expandHumanSteps(source));
  const origin = `Generated from ${basename(sourcePath)} (npm run build:asl); edit that file, not this one.`;
  const comment = typeof source.Comment === 'string' ? `${source.Comment} ${origin}` : origin;
  return { ...expanded, Comment: comment };
}
