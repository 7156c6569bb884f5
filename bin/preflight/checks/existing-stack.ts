import { errorKind } from '../aws-errors.ts';
import type { Finding } from '../findings.ts';
import { attempt, type CheckContext, unreadable } from './context.ts';

const check = 'Stack';
const troubleshootingDocs =
  'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/troubleshooting.html';

/** States CloudFormation accepts an update in (DescribeStacks' StackStatus values). */
const updatable = new Set([
  'CREATE_COMPLETE',
  'UPDATE_COMPLETE',
  'UPDATE_ROLLBACK_COMPLETE',
  'IMPORT_COMPLETE',
  'IMPORT_ROLLBACK_COMPLETE',
]);

/** Why a state blocks the deploy, and the way out. */
function blocked(status: string, stack: string, region: string): { why: string; fix: string } | undefined {
  if (status === 'UPDATE_ROLLBACK_FAILED')
    return {
      why: 'an update failed and so did its rollback: CloudFormation refuses updates until the rollback completes',
      fix: `aws cloudformation continue-update-rollback --stack-name ${stack} --region ${region} (skip the resources it cannot roll back with --resources-to-skip), then deploy`,
    };
  if (status === 'DELETE_FAILED')
    return {
      why: 'a delete failed: the stack can only be deleted again',
      fix: `aws cloudformation delete-stack --stack-name ${stack} --region ${region} (retaining what cannot be deleted), then deploy`,
    };
  if (status === 'IMPORT_ROLLBACK_FAILED')
    return {
      why: 'an import failed and so did its rollback',
      fix: 'resolve it in the CloudFormation console, then deploy',
    };
  if (status.endsWith('_IN_PROGRESS') && status !== 'REVIEW_IN_PROGRESS')
    return { why: 'another operation is running on it', fix: 'wait for it to finish, then deploy' };
  return undefined;
}

/** With `--stack`: whether the deploy updates an existing stack, and whether its state lets it. */
export async function existingStack({ reader, plan, region, stackName }: CheckContext): Promise<Finding[]> {
  if (stackName === undefined) return [];
  const findings: Finding[] = [];
  if (stackName !== plan.stackName)
    findings.push({
      check,
      level: 'warn',
      summary: `this configuration deploys ${plan.stackName}; the stack read here is ${stackName}`,
      fix: `read ${plan.stackName} with --stack, or deploy with the stage that names ${stackName}`,
    });
  const read = await attempt(() => reader.read('cloudformation:DescribeStacks', { StackName: stackName }));
  if (!read.ok) {
    if (errorKind(read.error) === 'not-found')
      return [
        ...findings,
        { check, level: 'ok', summary: `no stack ${stackName} in ${region}: the deploy creates it` },
      ];
    return [...findings, unreadable(check, 'cloudformation:DescribeStacks', read.error)];
  }
  const stack = read.value.Stacks?.[0];
  const status = stack?.StackStatus ?? 'unknown';
  const reason = stack?.StackStatusReason ? [`reason: ${stack.StackStatusReason}`] : [];
  const blocking = blocked(status, stackName, region);
  if (blocking)
    findings.push({
      check,
      level: 'fail',
      summary: `${stackName} is ${status}: ${blocking.why}`,
      details: reason,
      fix: blocking.fix,
      docs: troubleshootingDocs,
    });
  else if (status === 'ROLLBACK_COMPLETE' || status === 'ROLLBACK_FAILED')
    // cdk deploy deletes a stack whose creation failed before creating it again.
    findings.push({
      check,
      level: 'warn',
      summary: `${stackName} is ${status} (its creation failed): cdk deploy deletes it, then creates it anew`,
      details: [
        ...reason,
        'resources it retained (a prod stage retains its data) stay behind and may collide by name',
      ],
    });
  else if (status === 'REVIEW_IN_PROGRESS')
    findings.push({
      check,
      level: 'ok',
      summary: `${stackName} has only a change set never executed: the deploy creates it`,
    });
  else if (updatable.has(status))
    findings.push({
      check,
      level: 'ok',
      summary: `${stackName} is ${status}: the deploy updates it`,
      details:
        status === 'UPDATE_ROLLBACK_COMPLETE' ? ['its last update was rolled back', ...reason] : reason,
    });
  else
    findings.push({
      check,
      level: 'unchecked',
      summary: `${stackName} is in a state this preflight does not know: ${status}`,
    });
  return findings;
}
