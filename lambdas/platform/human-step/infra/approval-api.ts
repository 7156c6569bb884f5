import { RemovalPolicy } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { acknowledge } from '../../../../lib/constructs/acknowledge.ts';
import { approvalRoute } from '../route.ts';

export interface ApprovalApiProps {
  /** Serves every approval route (Lambda proxy). */
  readonly handler: lambda.IFunction;
  /** Prefix of the API, web ACL and metric names, e.g. `tower-dev`. */
  readonly name: string;
  /** Stage throttling: steady requests per second. */
  readonly rateLimit: number;
  /** Stage throttling: burst. */
  readonly burstLimit: number;
  /** Requests one IP may make in 5 minutes before WAF blocks it. @default 100 */
  readonly requestsPerIpPer5Minutes?: number;
  /** Encrypts the access log group. */
  readonly encryptionKey: kms.IKey;
  /** @default logs.RetentionDays.ONE_MONTH */
  readonly logRetention?: logs.RetentionDays;
  /** Of the access log group. @default RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE */
  readonly removalPolicy?: RemovalPolicy;
  /** @default 'v1' */
  readonly stageName?: string;
  /** More routes the same function serves (the inbox's), each a resource path and its methods. @default none */
  readonly routes?: readonly { readonly resource: string; readonly methods: readonly string[] }[];
}

/**
 * Access log fields. `$context.resourcePath` (the template, `/a/{approvalId}/{secret}`), never
 * `$context.path`: the path holds the approver's secret.
 */
export const approvalAccessLogFields = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  httpMethod: '$context.httpMethod',
  resourcePath: '$context.resourcePath',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  integrationLatency: '$context.integrationLatency',
  wafResponseCode: '$context.wafResponseCode',
} as const;

/**
 * The approval links' API: `GET|HEAD|POST /a/{approvalId}/{secret}` proxied to the approval function,
 * throttled per stage, behind a WAF web ACL (per-IP rate limit and AWS common rules), logged without
 * paths.
 */
export class ApprovalApi extends Construct {
  public readonly api: apigw.RestApi;
  public readonly webAcl: wafv2.CfnWebACL;
  public readonly accessLogGroup: logs.LogGroup;
  /** Base URL of the approval pages (the stage root, ending in `/`). */
  public readonly url: string;

  constructor(scope: Construct, id: string, props: ApprovalApiProps) {
    super(scope, id);
    const perIp = props.requestsPerIpPer5Minutes ?? 100;
    if (!(props.rateLimit > 0) || !(props.burstLimit >= 1))
      throw new Error(
        `ApprovalApi: rateLimit must be > 0 and burstLimit >= 1, got ${props.rateLimit}/${props.burstLimit}`,
      );
    if (!Number.isInteger(perIp) || perIp < 10)
      throw new Error(
        `ApprovalApi: requestsPerIpPer5Minutes must be an integer of at least 10, got ${perIp}`,
      );

    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', {
      encryptionKey: props.encryptionKey,
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });
    this.api = new apigw.RestApi(this, 'Api', {
      restApiName: `${props.name}-approval`,
      description: 'Tower approval links',
      endpointConfiguration: { types: [apigw.EndpointType.REGIONAL] },
      // Execution logging needs the account's API Gateway CloudWatch role.
      cloudWatchRole: true,
      deployOptions: {
        stageName: props.stageName ?? 'v1',
        throttlingRateLimit: props.rateLimit,
        throttlingBurstLimit: props.burstLimit,
        loggingLevel: apigw.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        metricsEnabled: true,
        // No X-Ray here: a trace records the full URL, secret included.
        tracingEnabled: false,
        accessLogDestination: new apigw.LogGroupLogDestination(this.accessLogGroup),
        accessLogFormat: apigw.AccessLogFormat.custom(JSON.stringify(approvalAccessLogFields)),
      },
    });

    const validator = this.api.addRequestValidator('Validator', {
      validateRequestParameters: true,
      // No body model is declared, so this checks nothing yet; it keeps validation on for any later model.
      validateRequestBody: true,
    });
    const link = approvalRoute.pathParts.reduce<apigw.IResource>(
      (parent, part) => parent.addResource(part),
      this.api.root,
    );
    const integration = new apigw.LambdaIntegration(props.handler, { proxy: true });
    const requestParameters = Object.fromEntries(
      approvalRoute.parameters.map((name) => [`method.request.path.${name}`, true]),
    );
    for (const method of approvalRoute.methods)
      link.addMethod(method, integration, { requestValidator: validator, requestParameters });
    for (const route of props.routes ?? []) {
      const resource = this.api.root.resourceForPath(route.resource);
      const parameters = [...route.resource.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]);
      const required = Object.fromEntries(parameters.map((name) => [`method.request.path.${name}`, true]));
      for (const method of route.methods)
        resource.addMethod(method, integration, { requestValidator: validator, requestParameters: required });
    }

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name: `${props.name}-approval`,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      // No sampled requests: their URIs would show approvers' secrets in the console.
      visibilityConfig: visibility(`${props.name}-approval`),
      rules: [
        {
          name: 'RateLimitPerIp',
          priority: 0,
          action: { block: {} },
          statement: {
            rateBasedStatement: { limit: perIp, aggregateKeyType: 'IP', evaluationWindowSec: 300 },
          },
          visibilityConfig: visibility(`${props.name}-approval-rate`),
        },
        {
          name: 'AWSManagedRulesCommonRuleSet',
          priority: 1,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' },
          },
          visibilityConfig: visibility(`${props.name}-approval-common`),
        },
      ],
    });
    new wafv2.CfnWebACLAssociation(this, 'WebAclAssociation', {
      resourceArn: this.api.deploymentStage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
    this.url = this.api.url;

    const reason =
      'Approval links are public by design: each carries a 256-bit single-use secret that the handler checks ' +
      'against its stored SHA-256; there is no user pool to sign in to';
    acknowledge(this.api, 'AwsSolutions-APIG4', reason);
    const cloudWatchRole = this.api.node.findChild('CloudWatchRole');
    acknowledge(
      cloudWatchRole,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      "API Gateway's account-wide logging role; this AWS managed policy is the documented way to grant it",
    );
    acknowledge(this.api, 'AwsSolutions-COG4', reason);
  }
}

function visibility(metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty {
  return { cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: false };
}
