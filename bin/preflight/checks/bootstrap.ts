import { errorKind } from '../aws-errors.ts';
import type { Finding } from '../findings.ts';
import { attempt, type CheckContext, unreadable } from './context.ts';

const check = 'CDK bootstrap';
const bootstrapDocs = 'https://docs.aws.amazon.com/cdk/v2/guide/bootstrapping.html';

/**
 * The bootstrap stack's version (the SSM parameter the synthesized stack names) against the version the
 * app's CDK requires, as `cdk deploy` checks it before uploading anything.
 */
export async function bootstrap({ reader, plan, region, accountId }: CheckContext): Promise<Finding[]> {
  const { versionParameter, requiredVersion } = plan.bootstrap;
  const command = `npx cdk bootstrap aws://${accountId}/${region}`;
  const read = await attempt(() => reader.read('ssm:GetParameter', { Name: versionParameter }));
  if (read.ok) {
    const version = Number(read.value.Parameter?.Value);
    if (!Number.isFinite(version))
      return [{ check, level: 'unchecked', summary: `${versionParameter} holds no version number` }];
    if (version < requiredVersion)
      return [
        {
          check,
          level: 'fail',
          summary: `bootstrap version ${version} in ${region}; this app's CDK needs ${requiredVersion}: cdk deploy refuses`,
          fix: `${command} (updates the CDKToolkit stack in place)`,
          docs: bootstrapDocs,
        },
      ];
    return [
      {
        check,
        level: 'ok',
        summary: `bootstrapped in ${region}: version ${version} (this app needs ${requiredVersion} or later)`,
      },
    ];
  }
  if (errorKind(read.error) !== 'not-found') return [unreadable(check, 'ssm:GetParameter', read.error)];
  const toolkit = await attempt(() =>
    reader.read('cloudformation:DescribeStacks', { StackName: 'CDKToolkit' }),
  );
  if (!toolkit.ok && errorKind(toolkit.error) !== 'not-found')
    return [unreadable(check, 'cloudformation:DescribeStacks', toolkit.error)];
  const exists = toolkit.ok && (toolkit.value.Stacks ?? []).length > 0;
  return [
    {
      check,
      level: 'fail',
      summary: exists
        ? `a CDKToolkit stack exists in ${region} but ${versionParameter} does not: it was bootstrapped with another qualifier, and cdk deploy refuses`
        : `${region} is not bootstrapped (no ${versionParameter}, no CDKToolkit stack): cdk deploy refuses`,
      fix: exists
        ? `${command}, or set the qualifier it was bootstrapped with in cdk.json (@aws-cdk/core:bootstrapQualifier)`
        : command,
      docs: bootstrapDocs,
    },
  ];
}
