import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ActiveContentFinding } from '../inspection/active-content.ts';
import type { DocumentRef } from '../shared/workflow.ts';
import { conditionalWrite } from '../stores/dynamo-conditions.ts';

/** A started Textract expense job and the workflow waiting for it. */
export interface ExtractionJob {
  readonly jobId: string;
  readonly taskToken: string;
  readonly document: DocumentRef;
  readonly workflowVersion: string;
  readonly executionArn: string;
  readonly leaseKey: string;
  readonly startedAt: string;
  /** Found at admission, handed on with the job's result. @default [] */
  readonly activeContent?: readonly ActiveContentFinding[];
  readonly completedAt?: string;
}

// Textract keeps job results for seven days; so do we.
const keepSeconds = 7 * 24 * 3600;

/** Jobs by id (for completions) and by document (for recovery after a lost notification). */
export class JobStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(job: ExtractionJob, nowMs: number): Promise<void> {
    const expiresAt = Math.floor(nowMs / 1000) + keepSeconds;
    await this.db.send(
      new PutCommand({ TableName: this.tableName, Item: { key: `job#${job.jobId}`, ...job, expiresAt } }),
    );
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { key: `doc#${job.document.documentId}`, jobId: job.jobId, expiresAt },
      }),
    );
  }

  async byJob(jobId: string): Promise<ExtractionJob | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { key: `job#${jobId}` }, ConsistentRead: true }),
    );
    const item = out.Item as (ExtractionJob & { expiresAt?: number }) | undefined;
    return item && (item.expiresAt ?? Number.POSITIVE_INFINITY) * 1000 > Date.now() ? item : undefined;
  }

  async jobIdOf(documentId: string): Promise<string | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { key: `doc#${documentId}` }, ConsistentRead: true }),
    );
    return typeof out.Item?.jobId === 'string' ? out.Item.jobId : undefined;
  }

  /** Marks the job handled; false when another completion got there first. */
  async complete(jobId: string, at: string): Promise<boolean> {
    return conditionalWrite(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { key: `job#${jobId}` },
          UpdateExpression: 'SET completedAt = :at',
          ConditionExpression: 'attribute_exists(#key) AND attribute_not_exists(completedAt)',
          ExpressionAttributeNames: { '#key': 'key' },
          ExpressionAttributeValues: { ':at': at },
        }),
      ),
    );
  }
}
