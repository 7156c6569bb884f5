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

/** A role of the run, made with its trust policy and one inline policy. */
export interface RunRoleSpec {
  readonly name: string;
  /** The trust policy, as JSON. */
  readonly trust: string;
  readonly statements: readonly object[];
  readonly runId: string;
  /** When it goes: `the run ends`, `the file ends`. */
  readonly deletedWhen: string;
}

/** Creates one role and its inline policy; `remove` deletes both (a role with a policy cannot go first). */
export async function createRunRole(
  iam: IAMClient,
  spec: RunRoleSpec,
): Promise<{ arn: string; remove: () => Promise<void> }> {
  const role = await iam.send(
    new CreateRoleCommand({
      RoleName: spec.name,
      AssumeRolePolicyDocument: spec.trust,
      Description: `Tower conformance suite, deleted when ${spec.deletedWhen}`,
      Tags: [{ Key: 'tower:conformance-run', Value: spec.runId }],
    }),
  );
  let withPolicy = false;
  const remove = async () => {
    if (withPolicy)
      await iam.send(new DeleteRolePolicyCommand({ RoleName: spec.name, PolicyName: policyName }));
    await iam.send(new DeleteRoleCommand({ RoleName: spec.name }));
  };
  try {
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: spec.name,
        PolicyName: policyName,
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: spec.statements }),
      }),
    );
    withPolicy = true;
  } catch (error) {
    await remove().catch(() => undefined);
    throw error;
  }
  return { arn: role.Role?.Arn ?? '', remove };
}

/** Creates the run's two roles; returns their ARNs and a function that deletes them. */
export async function createRoles(scope: Scope): Promise<{
  roles: { stateMachine: string; lambda: string };
  remove: () => Promise<void>;
}> {
  const iam = new IAMClient({ region: scope.region });
  const removals: { name: string; remove: () => Promise<void> }[] = [];
  const remove = async () => {
    const failures: string[] = [];
    for (const { name, remove: removeRole } of removals) {
      try {
        await removeRole();
      } catch (error) {
        failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (failures.length > 0) throw new Error(`could not delete conformance roles:\n${failures.join('\n')}`);
  };
  const arnsOut: Record<string, string> = {};
  try {
    for (const [key, spec] of Object.entries(roleSpecs(scope))) {
      const role = await createRunRole(iam, {
        name: spec.name,
        trust: trust(spec.service),
        statements: spec.statements,
        runId: scope.runId,
        deletedWhen: 'the run ends',
      });
      removals.push({ name: spec.name, remove: role.remove });
      arnsOut[key] = role.arn;
    }
  } catch (error) {
    await remove().catch(() => undefined);
    throw error;
  }
  return { roles: { stateMachine: arnsOut.stateMachine ?? '', lambda: arnsOut.lambda ?? '' }, remove };
}
