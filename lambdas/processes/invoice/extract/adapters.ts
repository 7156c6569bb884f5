import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  AnalyzeExpenseCommand,
  StartExpenseAnalysisCommand,
  type TextractClient,
} from '@aws-sdk/client-textract';
import { TransientError } from '../../../platform/shared/errors.ts';
import type { DocumentRef } from '../../../platform/shared/workflow.ts';
import type { ExtractDeps } from './ports.ts';

/** The AWS side of the extract step's ports; clients come from each capability (lambdas/platform/<capability>/client.ts). */

const objectOf = (doc: DocumentRef) => ({ Bucket: doc.bucket, Key: doc.key, VersionId: doc.versionId });

export function s3DocumentSource(s3: S3Client): Pick<ExtractDeps, 'headDocument' | 'readDocument'> {
  return {
    headDocument: async (doc) => {
      const out = await s3.send(new HeadObjectCommand(objectOf(doc)));
      return { size: out.ContentLength ?? 0, contentType: out.ContentType };
    },
    readDocument: async (doc, length) => {
      const range = length === undefined ? undefined : `bytes=0-${length - 1}`;
      const out = await s3.send(new GetObjectCommand({ ...objectOf(doc), Range: range }));
      if (out.Body === undefined) throw new TransientError('S3 returned the document without a body');
      return out.Body.transformToByteArray();
    },
  };
}

export function s3ArtifactStore(
  s3: S3Client,
  bucket: string,
): Pick<ExtractDeps, 'readArtifact' | 'writeArtifact'> {
  return {
    readArtifact: async (key) => {
      try {
        const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return await out.Body?.transformToString('utf-8');
      } catch (error) {
        const name = (error as { name?: string }).name;
        if (name === 'NoSuchKey' || name === 'NotFound') return undefined;
        throw error;
      }
    },
    writeArtifact: async (key, body) => {
      await s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/json' }),
      );
    },
  };
}

/** AnalyzeExpense reads the object straight from S3, at the exact version the workflow started on. */
export function textractExpenseAnalyzer(textract: TextractClient): ExtractDeps['analyzeExpense'] {
  return (doc) =>
    textract.send(
      new AnalyzeExpenseCommand({
        Document: { S3Object: { Bucket: doc.bucket, Name: doc.key, Version: doc.versionId } },
      }),
    );
}

/** StartExpenseAnalysis; the document id as ClientRequestToken makes a retried start return the same job. */
export function textractJobStarter(
  textract: TextractClient,
  notification: { readonly topicArn: string; readonly roleArn: string },
): (doc: DocumentRef) => Promise<string> {
  return async (doc) => {
    const out = await textract.send(
      new StartExpenseAnalysisCommand({
        DocumentLocation: { S3Object: { Bucket: doc.bucket, Name: doc.key, Version: doc.versionId } },
        ClientRequestToken: doc.documentId,
        JobTag: doc.documentId,
        NotificationChannel: { SNSTopicArn: notification.topicArn, RoleArn: notification.roleArn },
      }),
    );
    if (!out.JobId) throw new TransientError('StartExpenseAnalysis returned no JobId');
    return out.JobId;
  };
}
