import { type ResolutionScope, resolveIntrinsics } from './intrinsics.ts';
import type { NamedPolicy } from './policy-document.ts';
import type { SynthesizedTemplate } from './template.ts';
import { templatePolicies } from './template-policies.ts';

/** A role of the template as it exists locally: who runs as it, and what it is granted. */
export interface LocalRole {
  readonly arn: string;
  /** The function, state machine or service the role belongs to, for the report. */
  readonly label: string;
  readonly policies: readonly NamedPolicy[];
}

/** The local ARNs and names of the resources the template's logical ids stand for. */
export interface LocalResources {
  readonly region: string;
  readonly account: string;
  readonly keyArn: string;
  readonly bucket: string;
  readonly tables: Readonly<Record<string, string>>;
  readonly queues: Readonly<
    Record<string, { readonly url: string; readonly arn: string; readonly dlqUrl: string }>
  >;
  readonly functions: Readonly<
    Record<string, { readonly name: string; readonly arn: string; readonly roleArn: string }>
  >;
  readonly stateMachines: Readonly<Record<string, { readonly arn: string; readonly roleArn: string }>>;
  /** What capabilities provided locally (a topic ARN, a role ARN), by `<capability>/<name>`. */
  readonly provided: ReadonlyMap<string, string>;
}

/** The template's policies resolved to local ARNs: what the evaluator checks every call against. */
export interface PolicyModel {
  readonly account: string;
  readonly region: string;
  /** Role ARN → role. */
  readonly roles: ReadonlyMap<string, LocalRole>;
  /** Function name → its role ARN. */
  readonly functionRoles: ReadonlyMap<string, string>;
  /** State machine ARN → its role ARN. */
  readonly stateMachineRoles: ReadonlyMap<string, string>;
  /** Resource ARN (queue, topic, bucket, key) → its resource policy. */
  readonly resourcePolicies: ReadonlyMap<string, NamedPolicy>;
  /** Resource ARN (table, bucket, queue, topic, log group) → the KMS key it is encrypted with. */
  readonly encryptionKeys: ReadonlyMap<string, string>;
  /** A template value with its references resolved to the local ARNs, as the policies are. */
  readonly resolve: (value: unknown) => unknown;
}

/** Local role ARNs, named after what assumes them. */
export const localRoleArn = (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`;

const queueArnOfUrl = (url: string, region: string, account: string) =>
  `arn:aws:sqs:${region}:${account}:${url.split('/').pop() ?? ''}`;

/** Builds the policy model from the synthesized template and the local resources standing for it. */
export function policyModel(template: SynthesizedTemplate, local: LocalResources): PolicyModel {
  const { region, account } = local;
  const ids = template.logicalIds;
  const refs = new Map<string, string>();
  const attributes = new Map<string, Record<string, string>>();
  const stand = (logicalId: string | undefined, ref: string, attrs: Record<string, string>) => {
    if (!logicalId) return;
    refs.set(logicalId, ref);
    attributes.set(logicalId, attrs);
  };
  stand(ids.key, local.keyArn.split('/').pop() ?? '', {
    Arn: local.keyArn,
    KeyId: local.keyArn.split('/').pop() ?? '',
  });
  stand(ids.bucket, local.bucket, { Arn: `arn:aws:s3:::${local.bucket}` });
  for (const [id, logicalId] of Object.entries(ids.tables)) {
    const name = local.tables[id];
    if (name) stand(logicalId, name, { Arn: `arn:aws:dynamodb:${region}:${account}:table/${name}` });
  }
  for (const [id, logical] of Object.entries(ids.queues)) {
    const queue = local.queues[id];
    if (!queue) continue;
    stand(logical.queue, queue.url, {
      Arn: queue.arn,
      QueueUrl: queue.url,
      QueueName: queue.arn.split(':').pop() ?? '',
    });
    const dlqArn = queueArnOfUrl(queue.dlqUrl, region, account);
    stand(logical.deadLetterQueue, queue.dlqUrl, {
      Arn: dlqArn,
      QueueUrl: queue.dlqUrl,
      QueueName: dlqArn.split(':').pop() ?? '',
    });
  }
  const roleLabels = new Map<string, { arn: string; label: string }>();
  for (const [id, logical] of Object.entries(ids.functions)) {
    const fn = local.functions[id];
    if (!fn) continue;
    stand(logical.function, fn.name, { Arn: fn.arn });
    stand(logical.role, fn.roleArn.split('/').pop() ?? '', { Arn: fn.roleArn });
    roleLabels.set(logical.role, { arn: fn.roleArn, label: `function ${id}` });
  }
  for (const [id, logical] of Object.entries(ids.stateMachines)) {
    const machine = local.stateMachines[id];
    if (!machine) continue;
    stand(logical.stateMachine, machine.arn, { Arn: machine.arn, Name: machine.arn.split(':').pop() ?? '' });
    stand(logical.role, machine.roleArn.split('/').pop() ?? '', { Arn: machine.roleArn });
    roleLabels.set(logical.role, { arn: machine.roleArn, label: `state machine ${id}` });
  }
  // What a capability created stands in by its type: a topic's ARN and name, a role's name and ARN.
  for (const [key, logicalId] of Object.entries(ids.provided)) {
    const value = local.provided.get(key);
    const type = template.resources[logicalId]?.Type;
    if (value === undefined) continue;
    if (type === 'AWS::SNS::Topic')
      stand(logicalId, value, { TopicArn: value, TopicName: value.split(':').pop() ?? '' });
    else if (type === 'AWS::IAM::Role') {
      stand(logicalId, value.split('/').pop() ?? '', { Arn: value });
      roleLabels.set(logicalId, { arn: value, label: key.replace('/', ' ') });
    } else stand(logicalId, value, { Arn: value });
  }
  // Topics and log groups the runtime does not stand in for (the alarm topic, every log group) get their
  // AWS ARN shape in this account, so the deliveries it does not emulate can be evaluated (service-deliveries.ts).
  for (const [logicalId, resource] of Object.entries(template.resources)) {
    if (refs.has(logicalId)) continue;
    const name = (key: string) => {
      const value = resource.Properties?.[key];
      return typeof value === 'string' ? value : logicalId;
    };
    if (resource.Type === 'AWS::SNS::Topic') {
      const arn = `arn:aws:sns:${region}:${account}:${name('TopicName')}`;
      stand(logicalId, arn, { TopicArn: arn, TopicName: name('TopicName') });
    } else if (resource.Type === 'AWS::Logs::LogGroup')
      stand(logicalId, name('LogGroupName'), {
        Arn: `arn:aws:logs:${region}:${account}:log-group:${name('LogGroupName')}:*`,
      });
  }
  // Resources the runtime does not stand in for resolve to ARNs nothing local ever requests.
  const unmapped = (logicalId: string) => `arn:aws:tower-local-unmapped:${region}:${account}:${logicalId}`;
  const scope: ResolutionScope = {
    region,
    account,
    ref: (logicalId) => refs.get(logicalId) ?? unmapped(logicalId),
    getAtt: (logicalId, attribute) =>
      attributes.get(logicalId)?.[attribute] ?? `${unmapped(logicalId)}/${attribute}`,
  };
  // Names the template writes out rather than references (state machine and topic ARNs formatted from
  // names, to avoid cycles) are renamed to the local ones inside ARNs.
  const renames: [RegExp, string][] = [];
  const rename = (templateName: unknown, localName: string) => {
    if (typeof templateName !== 'string' || templateName === localName) return;
    const escaped = templateName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    renames.push([new RegExp(`(?<=[:/])${escaped}(?=$|[:/])`, 'g'), localName]);
  };
  for (const [id, logical] of Object.entries(ids.stateMachines)) {
    const machine = local.stateMachines[id];
    if (machine)
      rename(
        template.resources[logical.stateMachine]?.Properties?.StateMachineName,
        machine.arn.split(':').pop() ?? '',
      );
  }
  for (const [key, logicalId] of Object.entries(ids.provided)) {
    const value = local.provided.get(key);
    if (value && template.resources[logicalId]?.Type === 'AWS::SNS::Topic')
      rename(template.resources[logicalId]?.Properties?.TopicName, value.split(':').pop() ?? '');
  }
  const renamed = (value: unknown): unknown => {
    if (typeof value === 'string')
      return renames.reduce((text, [pattern, to]) => text.replace(pattern, to), value);
    if (Array.isArray(value)) return value.map(renamed);
    if (value !== null && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renamed(v)]));
    return value;
  };
  const resolved = (value: unknown) => renamed(resolveIntrinsics(value, scope));

  const { policiesOfRole, resourcePolicies, encryptionKeys } = templatePolicies(
    template,
    scope,
    resolved,
    (value) => keyArnOf(value, local),
  );
  const roles = new Map<string, LocalRole>();
  for (const [roleId, { arn, label }] of roleLabels) {
    const existing = roles.get(arn);
    // Several provided roles may share one local role (the Textract publisher): their grants are merged.
    roles.set(arn, {
      arn,
      label: existing ? `${existing.label}, ${label}` : label,
      policies: [...(existing?.policies ?? []), ...(policiesOfRole.get(roleId) ?? [])],
    });
  }
  return {
    account,
    region,
    resolve: resolved,
    roles,
    functionRoles: new Map(Object.values(local.functions).map((f) => [f.name, f.roleArn])),
    stateMachineRoles: new Map(Object.values(local.stateMachines).map((m) => [m.arn, m.roleArn])),
    resourcePolicies,
    encryptionKeys,
  };
}

/** A key id, alias or ARN as the template names it, as the local key ARN. */
function keyArnOf(value: unknown, local: LocalResources): string {
  const text = String(value);
  return text.startsWith('arn:aws:kms:') ? text : `arn:aws:kms:${local.region}:${local.account}:key/${text}`;
}
