import {
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  IAMClient,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { resourceName } from './plan.ts';

interface Scope {
  readonly runId: string;
  readonly region: string;
  readonly accountId: string;
  readonly partition: string;
}

const policyName = 'conformance';

/** The run's resources only: every name starts with the run's prefix. */
function arns(s: Scope) {
  const prefix = `tower-conf-${s.runId}-`;
  return {
    queues: `arn:${s.partition}:sqs:${s.region}:${s.accountId}:${prefix}*`,
    functions: `arn:${s.partition}:lambda:${s.region}:${s.accountId}:function:${prefix}*`,
  };
}

function trust(service: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
  });
}

const roleSpecs = (s: Scope) => ({
  stateMachine: {
    name: resourceName(s.runId, 'states-role'),
    service: 'states.amazonaws.com',
    statements: [
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: arns(s).queues },
      {
        Effect: 'Allow',
        Action: 'lambda:InvokeFunction',
        Resource: [arns(s).functions, `${arns(s).functions}:*`],
      },
    ],
  },
  lambda: {
    name: resourceName(s.runId, 'lambda-role'),
    service: 'lambda.amazonaws.com',
    // No logs permission on purpose: the functions leave no log groups behind.
    statements: [
      {
        Effect: 'Allow',
        Action: [
          'sqs:ReceiveMessage',
          'sqs:DeleteMessage',
          'sqs:GetQueueAttributes',
          'sqs:ChangeMessageVisibility',
        ],
        Resource: arns(s).queues,
      },
    ],
  },
});

/** Creates the run's two roles; returns their ARNs and a function that deletes them. */
export async function createRoles(scope: Scope): Promise<{
  roles: { stateMachine: string; lambda: string };
  remove: () => Promise<void>;
}> {
  const iam = new IAMClient({ region: scope.region });
  const specs = roleSpecs(scope);
  const created: string[] = [];
  const remove = async () => {
    const failures: string[] = [];
    for (const roleName of created) {
      try {
        await iam.send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: policyName }));
        await iam.send(new DeleteRoleCommand({ RoleName: roleName }));
      } catch (error) {
        failures.push(`${roleName}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (failures.length > 0) throw new Error(`could not delete conformance roles:\n${failures.join('\n')}`);
  };
  const arnsOut: Record<string, string> = {};
  try {
    for (const [key, spec] of Object.entries(specs)) {
      const role = await iam.send(
        new CreateRoleCommand({
          RoleName: spec.name,
          AssumeRolePolicyDocument: trust(spec.service),
          Description: 'Tower conformance suite, deleted when the run ends',
          Tags: [{ Key: 'tower:conformance-run', Value: scope.runId }],
        }),
      );
      created.push(spec.name);
      await iam.send(
        new PutRolePolicyCommand({
          RoleName: spec.name,
          PolicyName: policyName,
          PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: spec.statements }),
        }),
      );
      arnsOut[key] = role.Role?.Arn ?? '';
    }
  } catch (error) {
    await remove().catch(() => undefined);
    throw error;
  }
  return { roles: { stateMachine: arnsOut.stateMachine ?? '', lambda: arnsOut.lambda ?? '' }, remove };
}
