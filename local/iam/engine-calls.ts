import { TaskError } from '../stepfunctions/errors.ts';
import type { IntegrationDeps, LambdaInvoker, QueueSender } from '../stepfunctions/integrations.ts';
import { denialMessage } from './denials.ts';
import { type IamEvaluator, sessionArnOf } from './evaluator.ts';
import { queueArnOfUrl } from './request-actions.ts';
import type { MappingScope, RequiredCall } from './requests.ts';

async function firstDenied(
  evaluator: IamEvaluator,
  principal: string,
  calls: readonly RequiredCall[],
  via: string,
): Promise<{ call: RequiredCall; reason?: string } | undefined> {
  for (const call of calls) {
    const verdict = await evaluator.authorize({
      principal,
      action: call.action,
      resource: call.resource,
      context: call.context,
      via,
    });
    if (!verdict.allowed) return { call, reason: verdict.reason };
  }
  return undefined;
}

/**
 * The engine's task calls made as the state machine's role, as Step Functions makes them: Lambda
 * invokes need lambda:InvokeFunction, SQS sends sqs:SendMessage and the queue key's GenerateDataKey and
 * Decrypt. A denial fails the task with the error Step Functions reports (Lambda.AWSLambdaException,
 * SQS.AmazonSQSException / SQS.KmsAccessDeniedException) whose cause is AWS's AccessDenied message.
 */
export function engineDepsAs(
  deps: IntegrationDeps,
  roleArn: string,
  evaluator: IamEvaluator,
  scope: MappingScope,
  functionArnOf: (nameOrArn: string) => string | undefined,
): IntegrationDeps {
  const principal = sessionArnOf(roleArn, 'states');
  const lambda: LambdaInvoker = {
    resolve: (nameOrArn) => deps.lambda.resolve(nameOrArn),
    invoke: async (nameOrArn, payload, options) => {
      const arn = functionArnOf(nameOrArn) ?? nameOrArn;
      const denied = await firstDenied(
        evaluator,
        roleArn,
        [{ action: 'lambda:InvokeFunction', resource: arn }],
        'engine',
      );
      if (denied)
        return {
          ok: false,
          error: {
            errorType: 'Lambda.AWSLambdaException',
            errorMessage: `${denialMessage(principal, denied.call, denied.reason)} (Service: Lambda, Status Code: 403, Error Code: AccessDeniedException)`,
          },
        };
      return deps.lambda.invoke(nameOrArn, payload, options);
    },
  };
  const sqs: QueueSender | undefined = deps.sqs && {
    send: async (queueUrl, body) => {
      const queueArn = queueArnOfUrl(queueUrl, scope);
      const key = scope.encryptionKeyOf(queueArn);
      const calls: RequiredCall[] = [
        { action: 'sqs:SendMessage', resource: queueArn },
        ...(key
          ? ['kms:GenerateDataKey', 'kms:Decrypt'].map((action) => ({
              action,
              resource: key,
              kind: 'kms' as const,
              context: {
                'kms:ViaService': `sqs.${scope.region}.amazonaws.com`,
                'kms:CallerAccount': scope.account,
              },
            }))
          : []),
      ];
      const denied = await firstDenied(evaluator, roleArn, calls, 'engine');
      if (denied)
        throw new TaskError(
          denied.call.kind === 'kms' ? 'SQS.KmsAccessDeniedException' : 'SQS.AmazonSQSException',
          `${denialMessage(principal, denied.call, denied.reason)} (Service: Sqs, Status Code: 403, Error Code: ${denied.call.kind === 'kms' ? 'KMS.AccessDeniedException' : 'AccessDenied'})`,
        );
      return (deps.sqs as QueueSender).send(queueUrl, body);
    },
  };
  return { ...deps, lambda, ...(sqs ? { sqs } : {}) };
}
