import type { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand, type PutCommandInput } from '@aws-sdk/lib-dynamodb';

// Typed by the SDK's own exception, so a misspelt name does not compile.
const conditionFailedName: ConditionalCheckFailedException['name'] = 'ConditionalCheckFailedException';

/** Whether DynamoDB refused a write because its condition was false (so nothing was written). */
export function isConditionalCheckFailed(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'name' in error && error.name === conditionFailedName;
}

/**
 * A conditional write's outcome: true when applied, false when DynamoDB refused it for its condition
 * (nothing was written). Any other failure is thrown.
 *
 * @example
 * const claimed = await conditionalWrite(db.send(new UpdateCommand({ …, ConditionExpression })));
 */
export async function conditionalWrite(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
}

/**
 * Writes `item` only when no item with its key exists yet: true when written, false when one already
 * existed (and was left as it was).
 *
 * @example
 * const created = await putIfAbsent(db, tableName, record, 'documentId');
 */
export async function putIfAbsent<T extends NonNullable<PutCommandInput['Item']>>(
  db: DynamoDBDocumentClient,
  tableName: string,
  item: T,
  key: keyof T & string,
): Promise<boolean> {
  return conditionalWrite(
    db.send(
      new PutCommand({
        TableName: tableName,
        Item: item,
        ConditionExpression: 'attribute_not_exists(#key)',
        ExpressionAttributeNames: { '#key': key },
      }),
    ),
  );
}
