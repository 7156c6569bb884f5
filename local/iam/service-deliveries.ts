import type { Call, IamEvaluator } from './evaluator.ts';
import type { PolicyModel } from './policy-model.ts';
import type { SynthesizedTemplate, TemplateResource } from './template.ts';

/**
 * A delivery AWS services make for the stack that the local runtime does not emulate, as the calls AWS
 * authorises for it. Evaluated against the template at start-up: the runtime cannot show such a delivery
 * failing, so a template that would break it refuses to run.
 */
export interface ServiceDelivery {
  /** What delivers where, for the refusal: `alarm tower-dev-intake-dlq → topic …`. */
  readonly what: string;
  readonly calls: readonly Call[];
}

const refOf = (value: unknown) => (value as { Ref?: string } | undefined)?.Ref;

/**
 * CloudWatch alarm → SNS: CloudWatch publishes as cloudwatch.amazonaws.com, so the topic policy must
 * allow it for the alarm (aws:SourceArn is the alarm) and, for an encrypted topic, the key policy must
 * let it GenerateDataKey and Decrypt (SNS Developer Guide, "Key management" → "Enable compatibility
 * between event sources from AWS services and encrypted topics").
 */
function alarmDeliveries(
  entries: readonly [string, TemplateResource][],
  model: PolicyModel,
): ServiceDelivery[] {
  return entries
    .filter(([, r]) => r.Type === 'AWS::CloudWatch::Alarm')
    .flatMap(([logicalId, alarm]) => {
      const name = String(model.resolve(alarm.Properties?.AlarmName ?? logicalId));
      const alarmArn = `arn:aws:cloudwatch:${model.region}:${model.account}:alarm:${name}`;
      const context = { 'aws:SourceArn': alarmArn, 'aws:SourceAccount': model.account };
      const actions = (alarm.Properties?.AlarmActions as unknown[] | undefined) ?? [];
      return actions.flatMap((action) => {
        if (!refOf(action)) return [];
        const topicArn = String(model.resolve(action));
        const key = model.encryptionKeys.get(topicArn);
        const principal = 'cloudwatch.amazonaws.com';
        return [
          {
            what: `alarm ${name} → topic ${topicArn}`,
            calls: [
              { principal, action: 'sns:Publish', resource: topicArn, context, via: 'start-up check' },
              ...(key
                ? ['kms:GenerateDataKey', 'kms:Decrypt'].map((a) => ({
                    principal,
                    action: a,
                    resource: key,
                    context,
                    via: 'start-up check',
                  }))
                : []),
            ],
          },
        ];
      });
    });
}

/**
 * The actions Step Functions calls with the state machine's role to deliver its execution logs (vended
 * logs): Step Functions Developer Guide, "Using CloudWatch Logs to log execution history in Step
 * Functions" → "IAM policies for logging to CloudWatch Logs". They support no resource-level
 * permissions, so AWS authorises them on `*`.
 */
export const vendedLogActions = [
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
];

/**
 * Step Functions logging: the vended-log actions of the state machine's role. CloudWatch Logs' own use
 * of the log group's key is not evaluated here: its key-policy statement conditions on
 * `kms:EncryptionContext:aws:logs:arn`, and @cloud-copilot/iam-simulate ignores `kms:EncryptionContext:*`
 * request keys (it matches variable keys by `/` only), so it would refuse what AWS allows;
 * test/infra/storage.test.ts pins that statement instead.
 */
function stateMachineLogDeliveries(
  entries: readonly [string, TemplateResource][],
  model: PolicyModel,
): ServiceDelivery[] {
  return entries
    .filter(([, r]) => r.Type === 'AWS::StepFunctions::StateMachine')
    .flatMap(([logicalId, machine]) => {
      const logging = machine.Properties?.LoggingConfiguration as
        | { Destinations?: { CloudWatchLogsLogGroup?: { LogGroupArn?: unknown } }[] }
        | undefined;
      const roleArn = String(model.resolve(machine.Properties?.RoleArn));
      return (logging?.Destinations ?? []).map((destination) => ({
        what: `state machine ${logicalId} → log group ${String(model.resolve(destination.CloudWatchLogsLogGroup?.LogGroupArn))}`,
        calls: vendedLogActions.map((action) => ({
          principal: roleArn,
          action,
          resource: '*',
          via: 'start-up check',
        })),
      }));
    });
}

/** Every delivery of the template the local runtime does not emulate. */
export function unemulatedDeliveries(template: SynthesizedTemplate, model: PolicyModel): ServiceDelivery[] {
  const entries = Object.entries(template.resources);
  return [...alarmDeliveries(entries, model), ...stateMachineLogDeliveries(entries, model)];
}

/** Each delivery AWS would refuse, worded as AWS's denial: empty when the template lets them all through. */
export async function deliveryRefusals(
  evaluator: IamEvaluator,
  deliveries: readonly ServiceDelivery[],
): Promise<string[]> {
  const refusals: string[] = [];
  for (const delivery of deliveries)
    for (const call of delivery.calls) {
      const verdict = await evaluator.authorize(call);
      if (!verdict.allowed)
        refusals.push(
          `${delivery.what}: ${call.principal} is not authorized to perform: ${call.action} on resource: ${call.resource} ${verdict.reason ?? ''}`.trim(),
        );
    }
  return refusals;
}

/** The template would break a delivery AWS makes and the local runtime cannot show failing. */
export class UnemulatedDeliveryError extends Error {
  constructor(readonly refusals: readonly string[]) {
    super(
      `AWS would refuse deliveries the local runtime does not emulate (checked against the synthesized template):\n${refusals.map((r) => `  ${r}`).join('\n')}`,
    );
    this.name = 'UnemulatedDeliveryError';
  }
}
