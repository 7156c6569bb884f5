import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { processes } from '../../lambdas/processes/index.ts';
import { DecisionLog } from '../../local/iam/decisions.ts';
import { deliveryAllowed, topicToQueueDelivery } from '../../local/iam/deliveries.ts';
import { IamEvaluator } from '../../local/iam/evaluator.ts';
import { policyModel } from '../../local/iam/policy-model.ts';
import { engineMappings } from '../../local/iam/request-actions.ts';
import {
  deliveryRefusals,
  UnemulatedDeliveryError,
  unemulatedDeliveries,
  vendedLogActions,
} from '../../local/iam/service-deliveries.ts';
import { startIamParity } from '../../local/iam/start-parity.ts';
import { synthesizedTemplate } from '../../local/iam/synthesized-template.ts';
import type { SynthesizedTemplate, TemplateResource } from '../../local/iam/template.ts';
import { localStandIns } from './local-stand-ins.ts';
import { cdkJsonContext, synthTimeout } from './tower-template.ts';

const local = localStandIns(processes, 'eu-west-1');

let deployed: SynthesizedTemplate;
beforeAll(() => {
  deployed = synthesizedTemplate(cdkJsonContext(), processes);
}, synthTimeout);

const refusalsOf = async (template: SynthesizedTemplate) => {
  const model = policyModel(template, local);
  const deliveries = unemulatedDeliveries(template, model);
  return {
    deliveries,
    refusals: await deliveryRefusals(new IamEvaluator(model, new DecisionLog([])), deliveries),
  };
};

/** The template with each statement `drop` matches removed from every policy document. */
function without(template: SynthesizedTemplate, drop: (statement: Record<string, unknown>) => boolean) {
  const strip = (document: unknown) => {
    const doc = document as { Statement?: Record<string, unknown>[] } | undefined;
    return doc?.Statement ? { ...doc, Statement: doc.Statement.filter((s) => !drop(s)) } : document;
  };
  const resources = Object.fromEntries(
    Object.entries(template.resources).map(([id, r]): [string, TemplateResource] => {
      const p = r.Properties;
      if (!p) return [id, r];
      const properties = {
        ...p,
        ...(p.PolicyDocument ? { PolicyDocument: strip(p.PolicyDocument) } : {}),
        ...(p.KeyPolicy ? { KeyPolicy: strip(p.KeyPolicy) } : {}),
      };
      return [id, { ...r, Properties: properties }];
    }),
  );
  return { ...template, resources };
}

const names = (statement: Record<string, unknown>, text: string) => JSON.stringify(statement).includes(text);

describe('deliveries the local runtime does not emulate, evaluated against the template', () => {
  it('lets every alarm publish to its encrypted topic and every state machine log, as AWS requires', async () => {
    // Act
    const { deliveries, refusals } = await refusalsOf(deployed);

    // Assess
    const alarms = Object.values(deployed.resources).filter((r) => r.Type === 'AWS::CloudWatch::Alarm');
    expect(alarms.length).toBeGreaterThan(0);
    expect(deliveries.filter((d) => d.what.startsWith('alarm '))).toHaveLength(alarms.length);
    expect(deliveries.filter((d) => d.what.startsWith('state machine '))).toHaveLength(processes.length);
    expect(refusals).toEqual([]);
  });

  // SNS Developer Guide, "Key management" → "Enable compatibility between event sources from AWS services
  // and encrypted topics": without the topic policy's allow, CloudWatch's publish is refused.
  it('refuses an alarm delivery when the topic policy does not admit CloudWatch', async () => {
    const { refusals } = await refusalsOf(
      without(deployed, (s) => names(s, 'cloudwatch.amazonaws.com') && names(s, 'sns:Publish')),
    );
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals[0]).toMatch(
      /^alarm tower-dev-.* → topic arn:aws:sns:.*: cloudwatch\.amazonaws\.com is not authorized to perform: sns:Publish/,
    );
  });

  it('refuses an alarm delivery when the key policy does not let CloudWatch use the topic’s key', async () => {
    const { refusals } = await refusalsOf(
      without(deployed, (s) => s.Sid === 'CloudWatchAlarmsToEncryptedTopic'),
    );
    expect(refusals.length).toBeGreaterThan(0);
    expect(
      refusals.every((r) => /cloudwatch\.amazonaws\.com is not authorized to perform: kms:/.test(r)),
    ).toBe(true);
  });

  // Step Functions Developer Guide, "IAM policies for logging to CloudWatch Logs".
  it.each(vendedLogActions)(
    'refuses the log delivery when the state machine role lacks %s',
    async (action) => {
      const template = structuredClone(deployed) as SynthesizedTemplate;
      for (const resource of Object.values(template.resources)) {
        const statements = (
          resource.Properties?.PolicyDocument as { Statement?: { Action?: unknown }[] } | undefined
        )?.Statement;
        for (const statement of statements ?? [])
          if (Array.isArray(statement.Action))
            statement.Action = statement.Action.filter((a) => a !== action);
      }
      const { refusals } = await refusalsOf(template);
      expect(refusals).toHaveLength(processes.length);
      expect(refusals[0]).toContain(`is not authorized to perform: ${action} on resource: *`);
    },
  );
});

describe('the local runtime at start-up', () => {
  const start = (transform?: (t: SynthesizedTemplate) => SynthesizedTemplate) =>
    startIamParity({
      context: cdkJsonContext(),
      processes,
      local,
      endpoints: { dynamodb: '', s3: '', sqs: '', sns: '', ses: '', sfn: '' },
      mappings: engineMappings,
      dataDir: mkdtempSync(join(tmpdir(), 'tower-iam-start-')),
      sesSandbox: true,
      ...(transform ? { transform } : {}),
    });

  it('starts against the deployed template', async () => {
    await (await start()).close();
  });

  it('refuses to start when the template would drop every alarm notification, naming why', async () => {
    const error = await start((t) => without(t, (s) => s.Sid === 'CloudWatchAlarmsToEncryptedTopic')).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UnemulatedDeliveryError);
    expect((error as Error).message).toMatch(
      /^AWS would refuse deliveries the local runtime does not emulate .*\n {2}alarm tower-dev-.* cloudwatch\.amazonaws\.com is not authorized to perform: kms:GenerateDataKey/s,
    );
  });
});

describe('SNS → SQS, which the local SNS delivers itself, evaluated before it publishes', () => {
  const topicArn = [...local.provided].find(([key]) => key.startsWith('textract/topic:'))?.[1];
  const completions = Object.values(local.queues).find((q) => q.arn.endsWith('-completions'));

  const delivers = async (template: SynthesizedTemplate) => {
    const model = policyModel(template, local);
    const scope = {
      region: local.region,
      account: local.account,
      encryptionKeyOf: (arn: string) => model.encryptionKeys.get(arn),
      sesSandbox: true,
    };
    if (!topicArn || !completions) throw new Error('no Textract topic or completions queue');
    return deliveryAllowed(
      new IamEvaluator(model, new DecisionLog([])),
      topicToQueueDelivery(topicArn, completions.arn),
      scope,
    );
  };

  it('lets the Textract topic deliver to its encrypted completions queue', async () => {
    expect(await delivers(deployed)).toBe(true);
  });

  // SQS Developer Guide, "Amazon SQS key management": SNS needs the queue policy's sqs:SendMessage and,
  // for an SSE queue, kms:GenerateDataKey and kms:Decrypt in the key policy.
  it.each([
    [
      'the queue policy does not admit SNS',
      (s: Record<string, unknown>) => names(s, 'sns.amazonaws.com') && names(s, 'sqs:SendMessage'),
    ],
    [
      'the key policy does not let SNS use the queue’s key',
      (s: Record<string, unknown>) => names(s, 'sns.amazonaws.com') && names(s, 'kms:'),
    ],
  ])('drops the delivery when %s', async (_, drop) => {
    expect(await delivers(without(deployed, drop))).toBe(false);
  });
});
