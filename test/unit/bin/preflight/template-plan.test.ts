import { describe, expect, it } from 'vitest';
import { planFromTemplate } from '../../../../bin/preflight/template-plan.ts';
import { planFor } from './support.ts';

const config = planFor().config;

/** An AWS::IAM::Policy granting ses:SendEmail on `Resource`. */
const sendPolicy = (Resource: unknown) => ({
  Type: 'AWS::IAM::Policy',
  Properties: { PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['ses:SendEmail'], Resource }] } },
});

describe('preflight: the deploy read from a synthesized template', () => {
  const resources = {
    ConsumerFn: { Type: 'AWS::Lambda::Function', Properties: { ReservedConcurrentExecutions: 3 } },
    OtherFn: { Type: 'AWS::Lambda::Function', Properties: {} },
    Mapping: {
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: { FunctionName: { Ref: 'OtherFn' }, ScalingConfig: { MaximumConcurrency: 7 } },
    },
    Unbounded: {
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: { FunctionName: { Ref: 'ConsumerFn' } },
    },
    Stage: { Type: 'AWS::ApiGateway::Stage', Properties: { MethodSettings: [{ LoggingLevel: 'ERROR' }] } },
    Policy: sendPolicy({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:eu-west-1:1:configuration-set/*']],
    }),
  };

  it('reads mappings, reservations, logging, grants and the strictest bootstrap requirement', () => {
    // Act
    const plan = planFromTemplate(
      {
        stackName: 'Tower-dev',
        resources,
        bootstrapRequirements: [
          {
            requiresBootstrapStackVersion: 6,
            bootstrapStackVersionSsmParameter: '/cdk-bootstrap/abc/version',
          },
          {
            requiresBootstrapStackVersion: 8,
            bootstrapStackVersionSsmParameter: '/cdk-bootstrap/abc/version',
          },
        ],
        functionNames: { OtherFn: 'extract' },
      },
      config,
    );
    // Assess: a mapping without ScalingConfig may scale to 1,000 (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html).
    expect(plan.queueConsumers).toEqual([
      { consumer: 'extract', maximumConcurrency: 7 },
      { consumer: 'ConsumerFn', maximumConcurrency: 1000 },
    ]);
    expect(plan.reservedConcurrency).toEqual({ ConsumerFn: 3 });
    expect(plan.functionCount).toBe(2);
    expect(plan.apiGateway).toEqual({ setsAccountRole: false, logs: true });
    expect(plan.sendsThroughConfigurationSets).toBe(true);
    expect(plan.bootstrap).toEqual({ versionParameter: '/cdk-bootstrap/abc/version', requiredVersion: 8 });
  });

  it('sees no configuration-set grant where SendEmail is granted on identities only', () => {
    const plan = planFromTemplate(
      {
        stackName: 'Tower-dev',
        resources: {
          Policy: sendPolicy('arn:aws:ses:eu-west-1:1:identity/acme.test'),
        },
        bootstrapRequirements: [],
        functionNames: {},
      },
      config,
    );
    expect(plan.sendsThroughConfigurationSets).toBe(false);
    expect(plan.apiGateway.logs).toBe(false);
  });
});
