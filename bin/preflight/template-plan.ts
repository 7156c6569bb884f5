import type { TowerConfig } from '../../lib/config/index.ts';
import type { DeploymentPlan, QueueConsumer } from './plan.ts';

/** A CloudFormation resource as the synthesized template holds it. */
export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Readonly<Record<string, unknown>>;
}

/** The bootstrap requirement an artifact of the cloud assembly states (manifest.json). */
export interface BootstrapRequirement {
  readonly requiresBootstrapStackVersion?: number;
  readonly bootstrapStackVersionSsmParameter?: string;
}

export interface SynthesizedStack {
  readonly stackName: string;
  readonly resources: Readonly<Record<string, TemplateResource>>;
  /** The stack artifact's and its asset manifest's requirements. */
  readonly bootstrapRequirements: readonly BootstrapRequirement[];
  /** Catalog names of functions, by logical id, to name consumers in the report. */
  readonly functionNames: Readonly<Record<string, string>>;
}

const record = (value: unknown): Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};

/** `{ Ref: id }` → id. */
function refOf(value: unknown): string | undefined {
  const ref = record(value).Ref;
  return typeof ref === 'string' ? ref : undefined;
}

function ofType(stack: SynthesizedStack, type: string): [string, Readonly<Record<string, unknown>>][] {
  return Object.entries(stack.resources)
    .filter(([, r]) => r.Type === type)
    .map(([id, r]) => [id, r.Properties ?? {}]);
}

function grantsSendOnConfigurationSets(stack: SynthesizedStack): boolean {
  const documents = [
    ...ofType(stack, 'AWS::IAM::Policy').map(([, p]) => p.PolicyDocument),
    ...ofType(stack, 'AWS::IAM::Role').flatMap(([, p]) =>
      (Array.isArray(p.Policies) ? p.Policies : []).map((policy) => record(policy).PolicyDocument),
    ),
  ];
  return documents.some((document) => {
    const statements = record(document).Statement;
    return (Array.isArray(statements) ? statements : []).some((statement) => {
      const s = record(statement);
      const actions = Array.isArray(s.Action) ? s.Action : [s.Action];
      return (
        s.Effect === 'Allow' &&
        actions.some((a) => a === 'ses:SendEmail' || a === 'ses:*') &&
        JSON.stringify(s.Resource ?? '').includes(':configuration-set/')
      );
    });
  });
}

/** What the account must offer this deploy, from the synthesized template and the configuration. */
export function planFromTemplate(stack: SynthesizedStack, config: TowerConfig): DeploymentPlan {
  const nameOf = (logicalId: string) => stack.functionNames[logicalId] ?? logicalId;
  const queueConsumers: QueueConsumer[] = ofType(stack, 'AWS::Lambda::EventSourceMapping').flatMap(
    ([id, p]) => {
      const maximumConcurrency = record(p.ScalingConfig).MaximumConcurrency;
      // Without a maximum an SQS mapping may scale to 1,000 instances (Lambda's SQS scaling documentation).
      return [
        {
          consumer: nameOf(refOf(p.FunctionName) ?? id),
          maximumConcurrency: typeof maximumConcurrency === 'number' ? maximumConcurrency : 1000,
        },
      ];
    },
  );
  const functions = ofType(stack, 'AWS::Lambda::Function');
  const reservedConcurrency = Object.fromEntries(
    functions.flatMap(([id, p]) =>
      typeof p.ReservedConcurrentExecutions === 'number'
        ? [[nameOf(id), p.ReservedConcurrentExecutions]]
        : [],
    ),
  );
  const stages = ofType(stack, 'AWS::ApiGateway::Stage');
  const logs = stages.some(([, p]) => {
    const methodLogging = (Array.isArray(p.MethodSettings) ? p.MethodSettings : []).some((m) => {
      const level = record(m).LoggingLevel;
      return typeof level === 'string' && level !== 'OFF';
    });
    return methodLogging || p.AccessLogSetting !== undefined;
  });
  const required = stack.bootstrapRequirements.filter((r) => r.requiresBootstrapStackVersion !== undefined);
  const strictest = required.reduce<BootstrapRequirement | undefined>(
    (max, r) =>
      (r.requiresBootstrapStackVersion ?? 0) > (max?.requiresBootstrapStackVersion ?? 0) ? r : max,
    undefined,
  );
  return {
    stackName: stack.stackName,
    config,
    queueConsumers,
    reservedConcurrency,
    functionCount: functions.length,
    apiGateway: { setsAccountRole: ofType(stack, 'AWS::ApiGateway::Account').length > 0, logs },
    sendsThroughConfigurationSets: grantsSendOnConfigurationSets(stack),
    bootstrap: {
      versionParameter:
        strictest?.bootstrapStackVersionSsmParameter ??
        required.find((r) => r.bootstrapStackVersionSsmParameter)?.bootstrapStackVersionSsmParameter ??
        '/cdk-bootstrap/hnb659fds/version',
      requiredVersion: strictest?.requiresBootstrapStackVersion ?? 0,
    },
  };
}
