import type { Finding } from '../findings.ts';
import { attempt, type CheckContext, unreadable } from './context.ts';

const check = 'Lambda concurrency';
const reservedDocs = 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html';
const sqsScalingDocs = 'https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html';

/**
 * The unreserved concurrency Lambda keeps for functions without a reservation: 100, or the whole account
 * limit when that is lower (a new account's 10). Reservations may not bring it below this.
 */
export function minimumUnreserved(accountLimit: number): number {
  return Math.min(100, accountLimit);
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/**
 * The account's unreserved concurrency against what Tower's queues may drive at once (their event
 * source mappings' maximum concurrency) and what its reservations take.
 */
export async function lambdaConcurrency({ reader, plan, region }: CheckContext): Promise<Finding[]> {
  const read = await attempt(() => reader.read('lambda:GetAccountSettings', {}));
  if (!read.ok) return [unreadable(check, 'lambda:GetAccountSettings', read.error)];
  const limit = read.value.AccountLimit?.ConcurrentExecutions;
  const unreserved = read.value.AccountLimit?.UnreservedConcurrentExecutions;
  if (limit === undefined || unreserved === undefined)
    return [{ check, level: 'unchecked', summary: 'GetAccountSettings answered without AccountLimit' }];

  const reservedTotal = sum(Object.values(plan.reservedConcurrency));
  const consumers = plan.queueConsumers.filter((c) => plan.reservedConcurrency[c.consumer] === undefined);
  const queueNeed = sum(consumers.map((c) => c.maximumConcurrency));
  const others = plan.functionCount - consumers.length - Object.keys(plan.reservedConcurrency).length;
  const shared = unreserved - reservedTotal;
  const minimum = minimumUnreserved(limit);
  const details = [
    `account limit ${limit}, unreserved ${unreserved} in ${region}`,
    `queues at their maximum concurrency: ${consumers.map((c) => `${c.consumer} ${c.maximumConcurrency}`).join(' + ') || 'none'} = ${queueNeed}`,
    ...(reservedTotal > 0
      ? [
          `reserved by the stack: ${Object.entries(plan.reservedConcurrency)
            .map(([name, n]) => `${name} ${n}`)
            .join(', ')} = ${reservedTotal}`,
        ]
      : []),
    `other functions (state machine tasks, the approval API, CDK's providers): ${others}, each at least one instance`,
  ];
  const raise = `request a higher "Concurrent executions" quota for Lambda in ${region} (Service Quotas, code L-B99A9384)`;

  if (reservedTotal > 0 && shared < minimum)
    return [
      {
        check,
        level: 'fail',
        summary: `reserving ${reservedTotal} would leave ${shared} unreserved, below Lambda's minimum of ${minimum}: CloudFormation fails creating the function (InvalidParameterValueException)`,
        details,
        fix: `${raise}, or reserve less`,
        docs: reservedDocs,
      },
    ];
  if (shared < queueNeed)
    return [
      {
        check,
        level: 'fail',
        summary: `the queues may run ${queueNeed} consumers at once, the account leaves ${shared} unreserved: Lambda throttles them, and a throttled batch returns to its queue and counts a receive, so messages reach the dead-letter queues`,
        details,
        fix: `${raise}, or lower -c intakeMaxConcurrency and the Textract rates until the queues need at most ${shared}`,
        docs: sqsScalingDocs,
      },
    ];
  if (shared < queueNeed + others)
    return [
      {
        check,
        level: 'warn',
        summary: `${shared} unreserved covers the queues (${queueNeed}) but leaves ${shared - queueNeed} for ${others} other functions: at peak, state machine tasks and approval pages are throttled (Step Functions retries them)`,
        details,
        fix: raise,
        docs: sqsScalingDocs,
      },
    ];
  return [
    {
      check,
      level: 'ok',
      summary: `${shared} unreserved covers the queues (${queueNeed}) and ${others} other functions`,
      details,
    },
  ];
}
