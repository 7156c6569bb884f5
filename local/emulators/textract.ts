import type { S3Client } from '@aws-sdk/client-s3';
import { startTextractServer } from '../textract/server.ts';

/** The local Textract endpoint, reading documents from the local S3. */
export async function startLocalTextract(s3: S3Client): Promise<{ endpoint: string; stop(): Promise<void> }> {
  return startTextractServer({ s3 });
}
