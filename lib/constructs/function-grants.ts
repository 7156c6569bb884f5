import * as iam from 'aws-cdk-lib/aws-iam';
import type { Deployed } from '../../lambdas/platform/capability/deployed.ts';
import type { GrantStatement } from '../../lambdas/platform/capability/use.ts';
import { acknowledge, wildcardResourceFinding } from './acknowledge.ts';
import type { TowerFunction } from './tower-function.ts';

/**
 * Grants a function exactly what its uses imply, no more: their statements (those on the same resources
 * under the same conditions merged into one), the key actions they need in one statement on the key, and
 * the cdk-nag acknowledgements each wildcard carries. Queue access comes from the event source of the
 * queue it consumes.
 */
export function grantUses(target: TowerFunction, deployed: Deployed): void {
  const { spec, role } = target;
  const keyActions = new Set<string>();
  const merged = new Map<string, { statement: GrantStatement; actions: Set<string> }>();
  const starReasons = new Set<string>();
  for (const use of spec.uses) {
    const grants = use.grants?.(deployed, spec);
    if (!grants) continue;
    for (const action of grants.keyActions ?? []) keyActions.add(action);
    if (grants.starReason) starReasons.add(grants.starReason);
    for (const statement of grants.statements) {
      const key = JSON.stringify([statement.resources, statement.conditions ?? null]);
      const entry = merged.get(key) ?? { statement, actions: new Set<string>() };
      for (const action of statement.actions) entry.actions.add(action);
      merged.set(key, entry);
    }
  }
  for (const { statement, actions } of merged.values()) {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [...actions],
        resources: [...statement.resources],
        ...(statement.conditions ? { conditions: { ...statement.conditions } } : {}),
      }),
    );
    if (statement.wildcardReason)
      for (const resource of statement.resources)
        acknowledge(role, wildcardResourceFinding(role, resource), statement.wildcardReason);
  }
  if (keyActions.size > 0)
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: [...keyActions].sort(), resources: [deployed.keyArn] }),
    );
  acknowledge(
    role,
    'AwsSolutions-IAM5[Resource::*]',
    [
      'X-Ray PutTraceSegments and PutTelemetryRecords support no resource-level permissions',
      ...[...starReasons].map((reason) => `; ${reason}`),
    ].join(''),
  );
}
