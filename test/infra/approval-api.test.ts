import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  approvalApiOf,
  functionOf,
  logicalIdOf,
  type SynthesizedTower,
  synthTimeout,
  synthTower,
} from './tower-template.ts';

let tower: SynthesizedTower;
beforeAll(() => {
  tower = synthTower({ approvalApiRateLimit: '7', approvalApiBurstLimit: '14' });
}, synthTimeout);

const stageProperties = () => {
  const stages = Object.values(tower.template.findResources('AWS::ApiGateway::Stage'));
  expect(stages).toHaveLength(1);
  return stages[0]?.Properties as Record<string, unknown>;
};

describe('the approval API', () => {
  it('serves GET, HEAD and POST on /a/{approvalId}/{secret} through the approval function', () => {
    // Prepare
    const secret = Object.entries(tower.template.findResources('AWS::ApiGateway::Resource')).find(
      ([, r]) => r.Properties.PathPart === '{secret}',
    );
    const handler = logicalIdOf(functionOf(tower, 'approval-api').function);

    // Act
    const methods = Object.values(tower.template.findResources('AWS::ApiGateway::Method')).filter(
      (m) => JSON.stringify(m.Properties.ResourceId) === JSON.stringify({ Ref: secret?.[0] }),
    );

    // Assess
    expect(secret).toBeDefined();
    expect(methods.map((m) => m.Properties.HttpMethod).sort()).toEqual(['GET', 'HEAD', 'POST']);
    for (const method of methods) {
      expect(method.Properties.ResourceId).toEqual({ Ref: secret?.[0] });
      expect(method.Properties.Integration).toMatchObject({ Type: 'AWS_PROXY' });
      expect(JSON.stringify(method.Properties.Integration.Uri)).toContain(handler);
    }
  });

  it("serves the inbox's routes through the same function, each with only its own methods", () => {
    // Prepare
    const resources = tower.template.findResources('AWS::ApiGateway::Resource');
    const handler = logicalIdOf(functionOf(tower, 'approval-api').function);
    const pathOf = (id: string): string => {
      const r = resources[id]?.Properties;
      const parent = r?.ParentId?.Ref as string | undefined;
      return parent && resources[parent] ? `${pathOf(parent)}/${r.PathPart}` : `/${r?.PathPart}`;
    };

    // Act
    const served = Object.values(tower.template.findResources('AWS::ApiGateway::Method'))
      .filter((m) => JSON.stringify(m.Properties.Integration.Uri).includes(handler))
      .map((m) => `${m.Properties.HttpMethod} ${pathOf(m.Properties.ResourceId.Ref)}`)
      .sort();

    // Assess
    expect(served).toEqual([
      'GET /a/{approvalId}/{secret}',
      'GET /api/tasks',
      'GET /inbox',
      'HEAD /a/{approvalId}/{secret}',
      'POST /a/{approvalId}/{secret}',
      'POST /api/decisions',
      'POST /api/delegations',
      'POST /api/tasks/{taskId}/{action}',
    ]);
  });

  it('throttles the stage as configured', () => {
    expect(stageProperties().MethodSettings).toEqual([
      expect.objectContaining({
        HttpMethod: '*',
        ResourcePath: '/*',
        ThrottlingRateLimit: 7,
        ThrottlingBurstLimit: 14,
      }),
    ]);
  });

  it('logs executions at ERROR without request data', () => {
    expect(stageProperties().MethodSettings).toEqual([
      expect.objectContaining({ LoggingLevel: 'ERROR', DataTraceEnabled: false }),
    ]);
  });

  it('writes access logs by resource path, never the request path that holds the secret', () => {
    const { Format: format, DestinationArn: destination } = stageProperties().AccessLogSetting as {
      Format: string;
      DestinationArn: unknown;
    };
    expect(format).toContain('$context.resourcePath');
    expect(format).not.toMatch(/\$context\.path\b/);
    expect(format).not.toContain('$context.requestOverride');
    expect(destination).toEqual({
      'Fn::GetAtt': [logicalIdOf(approvalApiOf(tower).accessLogGroup), 'Arn'],
    });
  });

  it('does not trace with X-Ray, which would record the full URL', () => {
    expect(stageProperties().TracingEnabled).toBe(false);
  });

  it('is behind a regional WAF web ACL with a per-IP rate limit and the AWS common rule set', () => {
    tower.template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      Rules: Match.arrayWith([
        Match.objectLike({
          Action: { Block: {} },
          Statement: { RateBasedStatement: Match.objectLike({ AggregateKeyType: 'IP', Limit: 100 }) },
        }),
        Match.objectLike({
          OverrideAction: { None: {} },
          Statement: {
            ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' },
          },
        }),
      ]),
    });
  });

  it('keeps WAF from sampling requests, whose URIs would show secrets', () => {
    const acl = Object.values(tower.template.findResources('AWS::WAFv2::WebACL'))[0]?.Properties;
    const configs = [
      acl.VisibilityConfig,
      ...acl.Rules.map((r: { VisibilityConfig: unknown }) => r.VisibilityConfig),
    ];
    for (const config of configs) expect(config).toMatchObject({ SampledRequestsEnabled: false });
  });

  it('associates the web ACL with the deployed stage', () => {
    const stage = Object.keys(tower.template.findResources('AWS::ApiGateway::Stage'))[0];
    tower.template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      WebACLArn: { 'Fn::GetAtt': [logicalIdOf(approvalApiOf(tower).webAcl), 'Arn'] },
      ResourceArn: {
        'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('/restapis/'), { Ref: stage }])],
      },
    });
  });

  it('validates request parameters', () => {
    tower.template.hasResourceProperties('AWS::ApiGateway::RequestValidator', {
      ValidateRequestParameters: true,
    });
  });
});
