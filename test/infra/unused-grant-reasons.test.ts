import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { unusedGrantReasons } from '../../bin/iam-report/unused-grant-reasons.ts';
import { processes } from '../../lambdas/processes/index.ts';
import { type LocalRole, policyModel } from '../../local/iam/policy-model.ts';
import { synthesizedTemplate } from '../../local/iam/synthesized-template.ts';
import { localStandIns } from './local-stand-ins.ts';
import { cdkJsonContext, synthTimeout } from './tower-template.ts';

const asList = (value: unknown) => (Array.isArray(value) ? value.map(String) : [String(value)]);

let roles: LocalRole[];
beforeAll(() => {
  roles = [
    ...policyModel(synthesizedTemplate(cdkJsonContext(), processes), localStandIns(processes)).roles.values(),
  ];
}, synthTimeout);

const grants = (role: LocalRole) =>
  role.policies.flatMap((p) =>
    p.policy.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) => asList(s.Action)),
  );

describe('the reasons an unused grant stays', () => {
  it.each(unusedGrantReasons.map((r) => [r.action, r.roles.source, r] as const))(
    '%s for %s: still granted to a role it names',
    (_, __, reason) => {
      const named = roles.filter((role) => role.label.split(', ').some((owner) => reason.roles.test(owner)));
      expect(named.length).toBeGreaterThan(0);
      expect(named.some((role) => grants(role).includes(reason.action))).toBe(true);
    },
  );

  it.each(
    unusedGrantReasons.flatMap((r) => (r.calledIn ? [[r.calledIn.file, r.calledIn.command] as const] : [])),
  )('%s still sends %s', (file, command) => {
    expect(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')).toContain(`new ${command}(`);
  });
});
