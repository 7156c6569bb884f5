import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { DocumentRecord } from '../../lambdas/platform/stores/documents.ts';

/** Every document of a local documents table (a scan: fine for local volumes, never run on AWS). */
export async function scanDocuments(
  client: DynamoDBDocumentClient,
  table: string,
): Promise<DocumentRecord[]> {
  const items: DocumentRecord[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
    items.push(...((page.Items ?? []) as DocumentRecord[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}
