import type { Decision } from '../../local/iam/decisions.ts';
import type { LocalRole } from '../../local/iam/policy-model.ts';
import { type UnusedGrantReason, unusedGrantReason, unusedGrantReasons } from './unused-grant-reasons.ts';

/** One granted (statement, action) of a role, for the unused-grant list. */
interface Grant {
  readonly statement: string;
  readonly action: string;
  readonly resources: string;
}

const asList = (value: unknown): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)];

function grantsOf(role: LocalRole): Grant[] {
  return role.policies.flatMap((policy) =>
    policy.policy.Statement.filter((s) => s.Effect === 'Allow').flatMap((s, index) => {
      const statement = `${policy.name}#${typeof s.Sid === 'string' ? s.Sid : String(index + 1)}`;
      return asList(s.Action).map((action) => ({
        statement,
        action,
        resources: asList(s.Resource).join(', '),
      }));
    }),
  );
}

const matches = (pattern: string, action: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  ).test(action);

/**
 * Per principal: each action/resource used with the statements that allowed it, each denied call, and
 * each granted action no decision used (the least-privilege view of a run), with the reason it stays
 * (unused-grant-reasons.ts) or `NO REASON`.
 */
export function iamReport(
  roles: readonly LocalRole[],
  decisions: readonly Decision[],
  reasons: readonly UnusedGrantReason[] = unusedGrantReasons,
): string {
  const out: string[] = [];
  const principals = [...new Set([...roles.map((r) => r.arn), ...decisions.map((d) => d.principal)])].sort();
  let deniedTotal = 0;
  let unusedTotal = 0;
  let unexplained = 0;
  for (const principal of principals) {
    const role = roles.find((r) => r.arn === principal);
    const own = decisions.filter((d) => d.principal === principal);
    out.push(`\n${principal}${role ? ` (${role.label})` : ''}`);
    const used = new Map<string, Set<string>>();
    for (const d of own.filter((d) => d.allowed)) {
      const key = `${d.action} ${d.resource}`;
      used.set(key, new Set([...(used.get(key) ?? []), ...d.allowedBy]));
    }
    out.push('  used:');
    if (used.size === 0) out.push('    (nothing)');
    for (const [call, by] of [...used].sort(([a], [b]) => a.localeCompare(b)))
      out.push(`    ${call}  ← ${[...by].join(', ') || '(no statement recorded)'}`);
    const denied = own.filter((d) => !d.allowed);
    deniedTotal += denied.length;
    out.push(`  denied: ${denied.length === 0 ? 'none' : ''}`);
    for (const d of denied) out.push(`    ${d.action} ${d.resource} (${d.via}) ${d.reason ?? ''}`);
    if (!role) continue;
    const unused = grantsOf(role).filter(
      (grant) =>
        !own.some(
          (d) => d.allowed && matches(grant.action, d.action) && d.allowedBy.includes(grant.statement),
        ),
    );
    unusedTotal += unused.length;
    out.push(`  granted, unused in this run: ${unused.length === 0 ? 'none' : ''}`);
    for (const grant of unused) {
      const reason = unusedGrantReason(role.label, grant.action, reasons);
      if (!reason) unexplained += 1;
      out.push(`    ${grant.action} on ${grant.resources}  (${grant.statement})`);
      out.push(
        `      ${reason ? `why kept: ${reason}` : 'NO REASON: remove the grant, or say why it stays'}`,
      );
    }
  }
  out.unshift(
    `IAM report: ${principals.length} principals, ${decisions.length} distinct decisions, ${deniedTotal} denied, ` +
      `${unusedTotal} granted actions unused (${unusedTotal - unexplained} with a reason, ${unexplained} without)`,
  );
  return `${out.join('\n')}\n`;
}
