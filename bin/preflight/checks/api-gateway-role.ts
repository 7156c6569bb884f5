import type { Finding } from '../findings.ts';
import { attempt, type CheckContext, unreadable } from './context.ts';

const check = 'API Gateway logging role';
const loggingDocs = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html';
// "To avoid overwriting other roles, you should only have one AWS::ApiGateway::Account resource per region per account."
const accountResourceDocs =
  'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-account.html';

/**
 * The region's API Gateway CloudWatch role, which execution and access logging need: the stack sets it
 * itself (the approval API's `cloudWatchRole: true` makes an AWS::ApiGateway::Account), so an account
 * without one is fine, and an account with another one has it replaced.
 */
export async function apiGatewayRole({ reader, plan, region, stackName }: CheckContext): Promise<Finding[]> {
  const read = await attempt(() => reader.read('apigateway:GetAccount', {}));
  if (!read.ok) return [unreadable(check, 'apigateway:GetAccount', read.error)];
  const current = read.value.cloudwatchRoleArn;
  const { setsAccountRole, logs } = plan.apiGateway;
  if (!current) {
    if (setsAccountRole)
      return [{ check, level: 'ok', summary: `no role set in ${region}; the stack creates one and sets it` }];
    if (!logs)
      return [{ check, level: 'ok', summary: 'no role set, and the stack logs nothing through API Gateway' }];
    return [
      {
        check,
        level: 'fail',
        summary: `no CloudWatch role is set for API Gateway in ${region}: creating the logging stage fails ("CloudWatch Logs role ARN must be set in account settings to enable logging")`,
        fix: 'create a role API Gateway may assume with AmazonAPIGatewayPushToCloudWatchLogs, then aws apigateway update-account --patch-operations op=replace,path=/cloudwatchRoleArn,value=<role ARN>',
        docs: loggingDocs,
      },
    ];
  }
  const owner = stackName ?? plan.stackName;
  if (!setsAccountRole || current.includes(`:role/${owner}-`))
    return [{ check, level: 'ok', summary: `role set: ${current}` }];
  return [
    {
      check,
      level: 'warn',
      summary: `the stack sets the region's API Gateway CloudWatch role and replaces ${current}, which every API in ${region} logs through`,
      details: ['a second Tower stage in this region sets it again; the last deploy wins'],
      fix: "nothing blocks the deploy; the stack retains its role when deleted, so the setting keeps working. Tell the role's owner",
      docs: accountResourceDocs,
    },
  ];
}
