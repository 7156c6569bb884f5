import { readdirSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const lambdas = `${root}lambdas`;
const owner = 'lambdas/platform/human-step/lifecycle/';

/** What only the lifecycle may do: count votes, read a decision, hand one back, move a task's status. */
const decidingCalls: readonly RegExp[] = [
  /(?<!function )\b(tally|decisionOf|decideByVotes|handDecisionOn|deliverDecision|deliverWithdrawal)\(/,
  /\bapprovals\.(finish|markDelivered|registerToken|recordVote)\(/,
  // The transitions themselves (decide, handOn, follow) are reached through the entry points only.
  /lifecycle\/transitions\.ts'/,
  // A human task's status read by hand; stateOf (the lifecycle's answer) is what callers ask.
  /\.status\s*[!=]==?\s*'(PENDING|APPROVED|REJECTED|EXPIRED|CANCELLED)'/,
];
/** Where a task's status is a human task's (elsewhere, 'REJECTED' may be a document's). */
const taskStatusFolders = [
  'lambdas/platform/human-step/',
  'lambdas/platform/settlement/',
  'lambdas/platform/inbox/',
];

/** The source without its comments, which may name what they explain. */
const code = (source: string) => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

/** Each `file:line` under `files` (relative to the repository) where a deciding call is made outside the owner. */
function decidersOutsideOwner(files: Readonly<Record<string, string>>): string[] {
  const found: string[] = [];
  for (const [file, source] of Object.entries(files)) {
    if (file.startsWith(owner)) continue;
    const rules = taskStatusFolders.some((f) => file.startsWith(f))
      ? decidingCalls
      : decidingCalls.slice(0, 3);
    code(source)
      .split('\n')
      .forEach((line, i) => {
        if (rules.some((r) => r.test(line))) found.push(`${file}:${i + 1}`);
      });
  }
  return found;
}

function sourcesUnder(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('.ts')) continue;
    const path = `${dir}/${entry}`;
    files[relative(root, path).split('\\').join('/')] = readFileSync(path, 'utf8');
  }
  return files;
}

describe('one owner of a decision', () => {
  it('finds every deciding call in a file outside the lifecycle', () => {
    // Prepare: one line per rule, a definition, a comment, and the same calls inside the owner.
    const files = {
      'lambdas/platform/human-step/approval-api/x.ts': [
        "if (tally(record).result !== 'pending') return;",
        'await deps.approvals.finish(id, status, ending);',
        "if (record.status === 'APPROVED') return;",
        'export function decisionOf(record) {}',
        '// decisionOf(record) explained',
        "import { decide } from '../lifecycle/transitions.ts';",
      ].join('\n'),
      'lambdas/platform/finish/x.ts': "if (record.status !== 'REJECTED') return;",
      [`${owner}x.ts`]: 'await handDecisionOn(deps, token, record);',
    };

    // Act
    const found = decidersOutsideOwner(files);

    // Assess
    expect(found).toEqual([
      'lambdas/platform/human-step/approval-api/x.ts:1',
      'lambdas/platform/human-step/approval-api/x.ts:2',
      'lambdas/platform/human-step/approval-api/x.ts:3',
      'lambdas/platform/human-step/approval-api/x.ts:6',
    ]);
  });

  it('holds for the source tree: only lifecycle/ counts votes, reads a decision or hands one back', () => {
    // Prepare
    const files = sourcesUnder(lambdas);

    // Act
    const found = decidersOutsideOwner(files);

    // Assess
    expect(Object.keys(files).some((f) => f.startsWith(owner))).toBe(true);
    expect(found).toEqual([]);
  });
});
