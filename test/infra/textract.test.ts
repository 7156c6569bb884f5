import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  arnOf,
  asList,
  flat,
  logicalIdOf,
  queueOf,
  refOf,
  type SynthesizedTower,
  statementsOfRole,
  synthTimeout,
  synthTower,
  textractOf,
} from './tower-template.ts';

let tower: SynthesizedTower;
beforeAll(() => {
  tower = synthTower();
}, synthTimeout);

const topic = () => textractOf(tower).topic;
const completions = () => queueOf(tower, 'extraction-completions').queue;
const keyArn = () => arnOf(tower.stack.platform.key.key);
/** The key policy statements, as CloudFormation receives them. */
const keyStatements = () => {
  const policy = tower.resources[logicalIdOf(tower.stack.platform.key.key)]?.Properties?.KeyPolicy as
    | { Statement: { Principal?: unknown; Action: string | string[]; Condition?: unknown }[] }
    | undefined;
  return policy?.Statement ?? [];
};

describe('the Textract completion topic', () => {
  it('is encrypted with the key and named for the stage', () => {
    expect(tower.resources[logicalIdOf(topic())]?.Properties).toMatchObject({
      KmsMasterKeyId: keyArn(),
      TopicName: 'tower-dev-textract-completions',
    });
  });

  it('refuses plain HTTP', () => {
    tower.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [refOf(topic())],
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      }),
    });
  });

  it('has one subscription: the completions queue, raw', () => {
    // Act
    const subscriptions = Object.values(tower.template.findResources('AWS::SNS::Subscription')).filter(
      (s) => flat(s.Properties.TopicArn) === flat(refOf(topic())),
    );

    // Assess
    expect(subscriptions.map((s) => s.Properties)).toEqual([
      { TopicArn: refOf(topic()), Protocol: 'sqs', Endpoint: arnOf(completions()), RawMessageDelivery: true },
    ]);
  });

  it('may send to the completions queue, and nothing else may through SNS', () => {
    // Act
    const fromSns = Object.values(tower.template.findResources('AWS::SQS::QueuePolicy')).flatMap((policy) =>
      (policy.Properties.PolicyDocument.Statement as { Principal?: unknown }[])
        .filter((s) => flat(s.Principal).includes('sns.amazonaws.com'))
        .map((s) => ({ queues: policy.Properties.Queues, statement: s })),
    );

    // Assess
    expect(fromSns).toEqual([
      {
        queues: [refOf(completions())],
        statement: {
          Effect: 'Allow',
          Principal: { Service: 'sns.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Resource: arnOf(completions()),
          Condition: { ArnEquals: { 'aws:SourceArn': refOf(topic()) } },
        },
      },
    ]);
  });

  it('lets SNS use the key to deliver from this topic only', () => {
    const forSns = keyStatements().filter((s) => flat(s.Principal).includes('sns.amazonaws.com'));
    expect(forSns).toHaveLength(1);
    expect(asList(forSns[0]?.Action ?? []).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
    const sourceArn = flat(forSns[0]?.Condition);
    expect(sourceArn).toContain('"ArnEquals":{"aws:SourceArn"');
    expect(sourceArn).toContain(':sns:');
    expect(sourceArn).toContain(':tower-dev-textract-completions');
  });
});

describe('the role Textract publishes with', () => {
  const role = () => textractOf(tower).role;

  it('trusts Textract, acting for this account only', () => {
    expect(tower.resources[logicalIdOf(role())]?.Properties?.AssumeRolePolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'textract.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
        },
      ],
    });
  });

  it('has no managed policy', () => {
    expect(tower.resources[logicalIdOf(role())]?.Properties?.ManagedPolicyArns).toBeUndefined();
  });

  it('may publish to the completion topic only, and use the key only through SNS', () => {
    // Act
    const statements = statementsOfRole(tower, logicalIdOf(role()));

    // Assess
    expect(statements).toEqual([
      { Effect: 'Allow', Action: 'sns:Publish', Resource: refOf(topic()) },
      {
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Resource: keyArn(),
        Condition: {
          StringEquals: {
            'kms:ViaService': {
              'Fn::Join': ['', ['sns.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }]],
            },
          },
        },
      },
    ]);
  });

  it('is the only principal allowed to publish to the topic', () => {
    const publishers = Object.values(tower.template.findResources('AWS::IAM::Policy')).filter((policy) =>
      (policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]).some(
        (s) => asList(s.Action).includes('sns:Publish') && flat(s.Resource) === flat(refOf(topic())),
      ),
    );
    expect(publishers.map((p) => p.Properties.Roles)).toEqual([[refOf(role())]]);
  });
});
