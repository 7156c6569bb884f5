import type { Operation } from './answers.ts';

/**
 * The IAM action each question needs: the preflight's principal needs these, read-only, and nothing else
 * (STS GetCallerIdentity needs no permission). The README's preflight section lists the same.
 */
export const permissionOf: Readonly<Record<Operation, string | undefined>> = {
  'sts:GetCallerIdentity': undefined,
  'lambda:GetAccountSettings': 'lambda:GetAccountSettings',
  'sesv2:GetAccount': 'ses:GetAccount',
  'sesv2:GetEmailIdentity': 'ses:GetEmailIdentity',
  'sesv2:GetConfigurationSet': 'ses:GetConfigurationSet',
  'service-quotas:ListServiceQuotas': 'servicequotas:ListServiceQuotas',
  'service-quotas:ListAWSDefaultServiceQuotas': 'servicequotas:ListAWSDefaultServiceQuotas',
  // API Gateway authorizes its REST resources by HTTP verb: GET on /account.
  'apigateway:GetAccount': 'apigateway:GET',
  'ssm:GetParameter': 'ssm:GetParameter',
  'cloudformation:DescribeStacks': 'cloudformation:DescribeStacks',
};
