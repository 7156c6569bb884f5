import { Aws, Fn, RemovalPolicy } from 'aws-cdk-lib';

/**
 * The last 12 hex digits of the stack's id (`arn:…:stack/<name>/<uuid>`): a new stack, say a redeploy
 * after a destroy, gets a new one, so a name carrying it never meets what an earlier stack retained.
 */
const stackInstance = (): string => Fn.select(4, Fn.split('-', Fn.select(2, Fn.split('/', Aws.STACK_ID))));

/**
 * Names each process's state machine (and so its log group), explicitly, so grants and environments can
 * name a state machine before it exists: `<name>-<process>`; where resources are retained (prod), the
 * stack instance follows, since a retained resource keeps its name after a destroy and a fixed one
 * would make the next deploy fail with "already exists".
 */
export function stateMachineNaming(
  name: string,
  removalPolicy: RemovalPolicy,
): (processId: string) => string {
  const retained = removalPolicy !== RemovalPolicy.DESTROY;
  return (processId) => (retained ? `${name}-${processId}-${stackInstance()}` : `${name}-${processId}`);
}
