import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProcessSpec } from '../../lambdas/platform/registry/process-spec.ts';
import type { Listening } from '../http/json-server.ts';
import type { Endpoints } from '../runtime/clients.ts';
import { DecisionLog } from './decisions.ts';
import { IamEvaluator } from './evaluator.ts';
import { type IamParity, iamFiles, iamRecordFile } from './parity.ts';
import { type LocalResources, type LocalRole, policyModel } from './policy-model.ts';
import { startIamProxy } from './proxy.ts';
import type { RequestMapping } from './request-actions.ts';
import type { MappingScope } from './requests.ts';
import { deliveryRefusals, UnemulatedDeliveryError, unemulatedDeliveries } from './service-deliveries.ts';
import { synthesizedTemplate } from './synthesized-template.ts';
import type { SynthesizedTemplate } from './template.ts';

export interface IamParityOptions {
  readonly context: Record<string, unknown>;
  readonly processes: readonly ProcessSpec[];
  readonly local: LocalResources;
  readonly endpoints: Endpoints;
  /** How each service's requests map to authorisations: the engine's services and the capabilities'. */
  readonly mappings: Readonly<Record<string, RequestMapping>>;
  readonly dataDir: string;
  readonly sesSandbox: boolean;
  readonly transform?: (template: SynthesizedTemplate) => SynthesizedTemplate;
}

/**
 * Evaluates the local runtime's AWS calls against the synthesized template: builds the policy model,
 * and puts an IAM proxy in front of every endpoint the functions call.
 */
export async function startIamParity(options: IamParityOptions): Promise<IamParity> {
  const synthesized = synthesizedTemplate(options.context, options.processes);
  const template = options.transform ? options.transform(synthesized) : synthesized;
  const model = policyModel(template, options.local);
  const files = iamFiles(options.dataDir);
  mkdirSync(join(options.dataDir, 'iam'), { recursive: true });
  writeFileSync(
    files.policies,
    JSON.stringify(
      { roles: [...model.roles.values()], resourcePolicies: Object.fromEntries(model.resourcePolicies) },
      null,
      1,
    ),
  );
  // A run's record takes only runtimes evaluated against the deployed template, not a test's altered one.
  const extra = options.transform ? undefined : process.env[iamRecordFile];
  const log = new DecisionLog([files.decisions, ...(extra ? [extra] : [])]);
  if (extra) mergeRoles(`${extra}.policies.json`, [...model.roles.values()]);
  const evaluator = new IamEvaluator(model, log);
  // Alarms and Step Functions logging are not emulated: their policies are checked once, before any call.
  const refusals = await deliveryRefusals(
    new IamEvaluator(model, new DecisionLog([])),
    unemulatedDeliveries(template, model),
  );
  if (refusals.length > 0) throw new UnemulatedDeliveryError(refusals);
  const scope: MappingScope = {
    region: options.local.region,
    account: options.local.account,
    encryptionKeyOf: (arn) =>
      model.encryptionKeys.get(
        arn.startsWith('arn:aws:s3:::') ? (arn.split('/')[0] ?? arn) : arn.replace(/\/index\/.*$/, ''),
      ),
    sesSandbox: options.sesSandbox,
  };
  const proxies: Listening[] = [];
  // One proxy per endpoint, even where two services share one (SQS and SNS): each maps its own API.
  const proxied = await Promise.all(
    Object.entries(options.endpoints).map(async ([service, url]) => {
      if (!url) return [service, url] as const;
      const listening = await startIamProxy(url, service, evaluator, scope, options.mappings);
      proxies.push(listening);
      return [service, listening.url] as const;
    }),
  );
  return {
    evaluator,
    scope,
    endpoints: { ...options.endpoints, ...Object.fromEntries(proxied) },
    close: async () => {
      await Promise.all(proxies.map((p) => p.close()));
    },
  };
}

/** Adds a runtime's roles to a run's policies file (runtimes of one run may deploy different processes). */
function mergeRoles(file: string, roles: readonly LocalRole[]): void {
  const known = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as { roles: LocalRole[] }).roles
    : [];
  const byArn = new Map(known.map((role) => [role.arn, role]));
  for (const role of roles) byArn.set(role.arn, role);
  writeFileSync(file, JSON.stringify({ roles: [...byArn.values()] }, null, 1));
}
