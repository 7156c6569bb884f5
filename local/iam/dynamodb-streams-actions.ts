import type { RequiredCall } from './requests.ts';

/** The prefix of the DynamoDB Streams API's `X-Amz-Target` (DynamoDB Local answers it on DynamoDB's endpoint). */
export const streamsTargetPrefix = 'DynamoDBStreams_';

/** The stream ARN given, or `*` when it names no stream (which no grant on a stream matches). */
function streamArn(given: unknown): string {
  if (typeof given !== 'string') return '*';
  return /^arn:[^:]+:dynamodb:[^:]+:\d{12}:table\/[^/]+\/stream\/[^/|]+$/.test(given) ? given : '*';
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
): RequiredCall[] {
  const action = `dynamodb:${operation}`;
  switch (operation) {
    case 'ListStreams':
      return [{ action, resource: '*' }];
    case 'GetRecords': {
      const iterator = typeof body.ShardIterator === 'string' ? body.ShardIterator : '';
      return [{ action, resource: streamArn(iterator.split('|')[0]) }];
    }
    default:
      return [{ action, resource: streamArn(body.StreamArn) }];
  }
}
