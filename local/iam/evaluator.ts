import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import type { Decision, DecisionLog } from './decisions.ts';
import type { PolicyModel } from './policy-model.ts';

/** One call to authorise: who, what, on which resource, with which request context. */
export interface Call {
  /** A role ARN of the model, or a service principal (`sns.amazonaws.com`). */
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
  readonly via: string;
}

export interface Verdict {
  readonly allowed: boolean;
  readonly allowedBy: readonly string[];
  readonly reason?: string;
}

/** The ARN AWS names a role's session by in error messages and resource-policy matching. */
export function sessionArnOf(roleArn: string, session = 'tower-local'): string {
  const [, , , , account, resource] = roleArn.split(':');
  return `arn:aws:sts::${account}:assumed-role/${resource?.replace(/^role\//, '')}/${session}`;
}

const isService = (principal: string) => principal.endsWith('.amazonaws.com');

/** The resource policy governing a resource: objects fall under their bucket's policy, indexes under their table. */
function resourcePolicyArn(resource: string): string {
  if (resource.startsWith('arn:aws:s3:::')) return resource.split('/')[0] ?? resource;
  return resource;
}

/**
 * Evaluates calls against the template's policies with @cloud-copilot/iam-simulate: the principal's
 * identity policies, the resource's policy (key policy for KMS). Decisions are cached per call, since
 * the same few calls repeat for every document, and recorded for the report.
 */
export class IamEvaluator {
  private readonly cache = new Map<string, Promise<Verdict>>();

  constructor(
    readonly model: PolicyModel,
    private readonly log: DecisionLog,
  ) {}

  async authorize(call: Call): Promise<Verdict> {
    const key = JSON.stringify([call.principal, call.action, call.resource, call.context ?? {}]);
    let verdict = this.cache.get(key);
    if (!verdict) {
      verdict = this.evaluate(call);
      this.cache.set(key, verdict);
    }
    const settled = await verdict;
    const decision: Decision = {
      principal: call.principal,
      action: call.action,
      resource: call.resource,
      allowed: settled.allowed,
      allowedBy: settled.allowedBy,
      via: call.via,
      ...(settled.reason ? { reason: settled.reason } : {}),
    };
    this.log.record(decision);
    return settled;
  }

  private async evaluate(call: Call): Promise<Verdict> {
    const service = isService(call.principal);
    const role = service ? undefined : this.model.roles.get(call.principal);
    if (!service && !role)
      return { allowed: false, allowedBy: [], reason: `${call.principal} is not a role of the template` };
    const resourcePolicy = this.model.resourcePolicies.get(resourcePolicyArn(call.resource));
    const simulation: Simulation = {
      request: {
        principal: service ? call.principal : sessionArnOf(call.principal),
        action: call.action,
        resource: { resource: call.resource, accountId: this.model.account },
        contextVariables: {
          // The SDK reaches AWS over TLS; locally it is plain HTTP on loopback.
          'aws:SecureTransport': 'true',
          ...(service
            ? {}
            : { 'aws:PrincipalAccount': this.model.account, 'aws:PrincipalArn': call.principal }),
          ...Object.fromEntries(
            Object.entries(call.context ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : [...v]]),
          ),
        },
      },
      identityPolicies: (role?.policies ?? []).map((p) => ({ name: p.name, policy: p.policy as never })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(resourcePolicy ? { resourcePolicy: resourcePolicy.policy as never } : {}),
    };
    const response = await runSimulation(simulation, {});
    if (response.resultType === 'error')
      return {
        allowed: false,
        allowedBy: [],
        reason: `the simulator refused the request: ${JSON.stringify(response.errors).slice(0, 400)}`,
      };
    const result = response.resultType === 'single' ? response.result : response.results[0];
    const analysis = result?.analysis;
    const allowed = response.overallResult === 'Allowed';
    const allowedBy = [
      ...(analysis?.identityAnalysis?.allowStatements ?? []).map(
        (s) => `${(s as { policyId?: string }).policyId ?? 'identity'}#${s.explain.identifier}`,
      ),
      ...(analysis?.resourceAnalysis?.allowStatements ?? []).map(
        (s) => `${resourcePolicy?.name ?? 'resource policy'}#${s.explain.identifier}`,
      ),
    ];
    if (allowed) return { allowed, allowedBy };
    const explicit = response.overallResult === 'ExplicitlyDenied';
    const where = explicit
      ? `an explicit deny in ${(analysis?.resourceAnalysis?.denyStatements?.length ?? 0) > 0 ? 'a resource-based policy' : 'an identity-based policy'}`
      : call.action.startsWith('kms:') && (analysis?.resourceAnalysis?.allowStatements.length ?? 0) === 0
        ? 'no resource-based policy allows the action'
        : service
          ? 'no resource-based policy allows the action'
          : 'no identity-based policy allows the action';
    return { allowed: false, allowedBy, reason: `because ${where}` };
  }
}
