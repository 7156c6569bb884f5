import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { towerCatalog } from '../../lambdas/platform/tower-catalog.ts';

import { processes } from '../../lambdas/processes/index.ts';
import {
  functionOf,
  logicalIdOf,
  queueOf,
  type SynthesizedTower,
  synthTimeout,
  synthTower,
} from './tower-template.ts';

const catalog = towerCatalog(processes);

let tower: SynthesizedTower;
beforeAll(() => {
  tower = synthTower();
}, synthTimeout);

interface AlarmProperties {
  readonly AlarmName: string;
  readonly MetricName?: string;
  readonly Namespace?: string;
  readonly Threshold: number;
  readonly Dimensions?: { Name: string; Value: unknown }[];
  readonly Metrics?: { Expression?: string }[];
  readonly AlarmActions: unknown[];
}

const alarms = () =>
  Object.values(tower.template.findResources('AWS::CloudWatch::Alarm')).map(
    (a) => a.Properties as AlarmProperties,
  );
const alarmNamed = (name: string) => {
  const found = alarms().find((a) => a.AlarmName === `tower-dev-${name}`);
  expect(found, `alarm tower-dev-${name}`).toBeDefined();
  return found as AlarmProperties;
};

describe('alarms', () => {
  it('all notify the alarm topic', () => {
    const topic = { Ref: logicalIdOf(tower.stack.platform.alarms.topic) };
    expect(alarms().length).toBeGreaterThan(0);
    for (const alarm of alarms()) expect(alarm.AlarmActions).toEqual([topic]);
  });

  it.each(processes.map((p) => [p.id] as const))('fire on any failed %s execution', (id) => {
    const alarm = alarmNamed(`${id}-executions-failed`);
    expect(alarm).toMatchObject({ Namespace: 'AWS/States', MetricName: 'ExecutionsFailed', Threshold: 1 });
  });

  it.each(catalog.queues.map((q) => [q.id] as const))('fire as soon as the %s DLQ holds a message', (id) => {
    const alarm = alarmNamed(`${id}-dlq-not-empty`);
    expect(alarm).toMatchObject({ MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 1 });
    expect(JSON.stringify(alarm.Dimensions)).toContain(logicalIdOf(queueOf(tower, id).deadLetterQueue));
  });

  it.each([
    ['intake', 900],
    ['extraction', 1800],
  ] as const)('fire when the oldest %s message waits %i seconds', (id, seconds) => {
    const alarm = alarmNamed(`${id}-oldest-message-age`);
    expect(alarm).toMatchObject({ MetricName: 'ApproximateAgeOfOldestMessage', Threshold: seconds });
    expect(JSON.stringify(alarm.Dimensions)).toContain(logicalIdOf(queueOf(tower, id).queue));
  });

  it('watch the age of the intake and extraction queues only', () => {
    const ageAlarms = alarms().filter((a) => a.MetricName === 'ApproximateAgeOfOldestMessage');
    expect(ageAlarms.map((a) => a.AlarmName).sort()).toEqual([
      'tower-dev-extraction-oldest-message-age',
      'tower-dev-intake-oldest-message-age',
    ]);
  });

  it.each(catalog.functions.map((s) => [s.id] as const))('fire on %s errors', (id) => {
    const alarm = alarmNamed(`${id}-errors`);
    expect(alarm).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Errors', Threshold: 1 });
    expect(JSON.stringify(alarm.Dimensions)).toContain(logicalIdOf(functionOf(tower, id).function));
  });

  it.each(processes.map((p) => [p.id] as const))(
    'fire when a %s human task passes its SLA (Tower ApprovalOverdue, that process only)',
    (id) => {
      const alarm = alarmNamed(`${id}-approvals-overdue`);
      expect(alarm.Metrics?.[0]?.Expression).toBe(
        `SELECT SUM(ApprovalOverdue) FROM "Tower" WHERE Process = '${id}' AND service = 'tower-request-approval'`,
      );
    },
  );
});

describe('the alarm topic', () => {
  it('has no subscription unless an alarm email is configured', () => {
    const topic = JSON.stringify({ Ref: logicalIdOf(tower.stack.platform.alarms.topic) });
    const subscriptions = Object.values(tower.template.findResources('AWS::SNS::Subscription')).filter(
      (s) => JSON.stringify(s.Properties.TopicArn) === topic,
    );
    expect(subscriptions).toEqual([]);
  });

  const fromTowerAlarms = Match.objectLike({
    Principal: { Service: 'cloudwatch.amazonaws.com' },
    Condition: Match.objectLike({
      ArnLike: {
        'aws:SourceArn': Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([':alarm:tower-dev-*'])] }),
      },
    }),
  });

  it('accepts messages from this stack’s alarms, over TLS only', () => {
    tower.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: logicalIdOf(tower.stack.platform.alarms.topic) }],
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Action: 'sns:Publish' }),
        ]),
      }),
    });
    tower.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: Match.objectLike({ Statement: Match.arrayWith([fromTowerAlarms]) }),
    });
  });

  // Amazon SNS Developer Guide, "Key management" → "Enable compatibility between event sources from AWS
  // services and encrypted topics": the event source's principal (CloudWatch: cloudwatch.amazonaws.com)
  // gets kms:GenerateDataKey* and kms:Decrypt on Resource "*", with no condition
  // (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html); the same statement in AWS
  // re:Post "How do I configure a CloudWatch alarm with an encrypted SNS topic?"
  // (https://repost.aws/knowledge-center/cloudwatch-configure-alarm-sns).
  it('lets CloudWatch use the key to publish to the encrypted topic, exactly as SNS documents it', () => {
    const key = tower.resources[logicalIdOf(tower.stack.platform.key.key)];
    const policy = key?.Properties?.KeyPolicy as { Statement?: Record<string, unknown>[] } | undefined;
    const statements = policy?.Statement ?? [];
    const forCloudWatch = statements.filter(
      (s) => JSON.stringify(s.Principal) === JSON.stringify({ Service: 'cloudwatch.amazonaws.com' }),
    );
    expect(forCloudWatch).toEqual([
      {
        Sid: 'CloudWatchAlarmsToEncryptedTopic',
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Resource: '*',
      },
    ]);
  });
});

describe('the dashboard', () => {
  /** The dashboard body with references replaced by `REF`, parsed. */
  const dashboardBody = (): { widgets: { properties: { title: string; metrics?: unknown[] } }[] } => {
    const dashboard = Object.values(tower.template.findResources('AWS::CloudWatch::Dashboard'))[0];
    const body = dashboard?.Properties.DashboardBody as string | { 'Fn::Join': [string, unknown[]] };
    const text =
      typeof body === 'string'
        ? body
        : body['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : 'REF')).join('');
    return JSON.parse(text);
  };
  const widget = (title: string) => {
    const found = dashboardBody().widgets.find((w) => w.properties.title === title);
    expect(found, title).toBeDefined();
    return JSON.stringify(found?.properties.metrics);
  };

  // "All dashboards in your account are global, not region-specific"; a name may hold letters, digits,
  // dashes and underscores, which a region name (us-east-1) keeps to.
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudwatch-dashboard.html
  it("is named after the stage and the stack's region, so a second region's stage does not collide", () => {
    const dashboards = Object.values(tower.template.findResources('AWS::CloudWatch::Dashboard'));
    expect(dashboards.map((d) => d.Properties.DashboardName)).toEqual([
      { 'Fn::Join': ['', ['tower-dev-', { Ref: 'AWS::Region' }]] },
    ]);
  });

  it.each(processes.map((p) => [p.id] as const))(
    'shows %s executions started, succeeded and failed',
    (id) => {
      const metrics = widget(`Executions: ${id}`);
      for (const metric of ['ExecutionsStarted', 'ExecutionsSucceeded', 'ExecutionsFailed'])
        expect(metrics).toContain(metric);
    },
  );

  it.each(processes.map((p) => [p.id] as const))(
    'shows a row for %s: its step latency, documents and human tasks',
    (id) => {
      const latency = JSON.parse(widget(`Step latency p95 (ms): ${id}`)) as [{ expression: string }][];
      expect(latency[0]?.[0]?.expression).toBe(
        `SEARCH('{Tower,Process,Step,service} MetricName="StepLatency" Process="${id}"', 'p95', 300)`,
      );
      const documents = widget(`Documents: ${id}`);
      for (const metric of [
        'DocumentsCompleted',
        'DocumentsRejected',
        'DocumentsRejectedInput',
        'DocumentsFailed',
      ])
        expect(documents).toContain(`SUM(${metric}) FROM \\"Tower\\" WHERE Process = '${id}'`);
      const tasks = widget(`Human tasks: ${id}`);
      expect(tasks).toContain('SUM(ApprovalsRequested)');
      expect(tasks).toContain('SUM(ApprovalOverdue)');
      expect(tasks).toContain(`Process = '${id}'`);
    },
  );

  it('shows every DLQ’s depth and the oldest intake and extraction messages', () => {
    const depth = widget('Dead-letter queue depth');
    expect(depth.match(/ApproximateNumberOfMessagesVisible/g)).toHaveLength(catalog.queues.length);
    for (const q of catalog.queues) expect(depth).toContain(`"label":"${q.id}"`);
    const age = widget('Oldest message age (s)');
    expect(age.match(/ApproximateAgeOfOldestMessage/g)).toHaveLength(2);
    for (const id of ['intake', 'extraction']) expect(age).toContain(`"label":"${id}"`);
  });
});
