import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type SynthesizedTower, synthTimeout, synthTower } from './tower-template.ts';

let tower: SynthesizedTower;
let outdir: string;
beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'tower-nag-'));
  tower = synthTower({}, outdir);
}, synthTimeout);

/** Every acknowledgement recorded on the construct tree, with where it was made. */
function acknowledgements(root: IConstruct): { path: string; id: string; reason: unknown }[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, unknown>).map(([id, reason]) => ({
          path: construct.node.path,
          id,
          reason,
        })),
      ),
  );
}

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged finding, error or warning', () => {
    // Act
    const report = new AwsSolutionsChecks().validateScope(tower.app);

    // Assess
    expect(
      report.violations.map(
        (v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
      ),
    ).toEqual([]);
  });

  it('leaves the synthesized validation report empty', () => {
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: { violations?: unknown[] }[];
    };
    expect(report.pluginReports.flatMap((r) => r.violations ?? [])).toEqual([]);
  });

  it('gives every acknowledgement a written reason', () => {
    // Act
    const acks = acknowledgements(tower.app);

    // Assess
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(typeof ack.reason, `${ack.path} ${ack.id}`).toBe('string');
      expect(String(ack.reason).trim().length, `${ack.path} ${ack.id}`).toBeGreaterThan(20);
    }
  });

  it('acknowledges only AwsSolutions rules, and never a rule as a whole at stack level', () => {
    for (const ack of acknowledgements(tower.app)) {
      expect(ack.id).toMatch(/AwsSolutions-/);
      expect(ack.path).not.toBe(tower.stack.node.path);
    }
  });
});

describe('CDK annotations', () => {
  it('carry no error and no warning', () => {
    const annotations = Annotations.fromStack(tower.stack);
    expect(annotations.findError('*', Match.anyValue())).toEqual([]);
    expect(annotations.findWarning('*', Match.anyValue())).toEqual([]);
  });
});
