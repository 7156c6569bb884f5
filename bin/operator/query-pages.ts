import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Operator } from './context.ts';

/**
 * The items of a Query, page after page, until DynamoDB has no more or `limit` are read (each page
 * asks only for what is still missing).
 */
export async function queryPages<T>(
  operator: Operator,
  input: Omit<QueryCommandInput, 'ExclusiveStartKey' | 'Limit'>,
  limit = Number.POSITIVE_INFINITY,
): Promise<T[]> {
  const items: T[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const left = limit - items.length;
    const page = await operator.target.db.send(
      new QueryCommand({
        ...input,
        ...(Number.isFinite(left) ? { Limit: left } : {}),
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...((page.Items ?? []) as T[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey && items.length < limit);
  return items;
}
