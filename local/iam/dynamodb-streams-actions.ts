import type { MappingScope, RequiredCall } from './requests.ts';

/** The prefix of the DynamoDB Streams API's `X-Amz-Target` (DynamoDB Local answers it on DynamoDB's endpoint). */
export const streamsTargetPrefix = 'DynamoDBStreams_';

/**
 * A stream ARN in this runtime's region and account: DynamoDB Local names region `ddblocal` and account
 * 000000000000 in the ARNs it hands out, where AWS names the table's own; `*` when it names no stream.
 */
function streamArn(given: unknown, scope: MappingScope): string {
  if (typeof given !== 'string') return '*';
  const path = /^arn:[^:]+:dynamodb:[^:]*:[^:]*:(table\/[^/]+\/stream\/[^/|]+)$/.exec(given)?.[1];
  return path ? `arn:aws:dynamodb:${scope.region}:${scope.account}:${path}` : '*';
}

/**
 * The authorisation of a DynamoDB Streams request: `dynamodb:<operation>` on the stream (ListStreams
 * on `*`), as the Service Authorization Reference lists them
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html).
 * GetRecords names its stream through the shard iterator, which begins with the stream ARN and `|`
 * on AWS as on DynamoDB Local (the example in
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetShardIterator.html).
 */
export function dynamodbStreamsCalls(
  operation: string,
  body: Readonly<Record<string, unknown>>,
  scope: MappingScope,
): RequiredCall[] {
  const action = `dynamodb:${operation}`;
  switch (operation) {
    case 'ListStreams':
      return [{ action, resource: '*' }];
    case 'GetRecords': {
      const iterator = typeof body.ShardIterator === 'string' ? body.ShardIterator : '';
      return [{ action, resource: streamArn(iterator.split('|')[0], scope) }];
    }
    default:
      return [{ action, resource: streamArn(body.StreamArn, scope) }];
  }
}
