import { Readable } from 'node:stream';
import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { S3QuarantineObjects } from '../../../../lambdas/platform/quarantine/objects.ts';
import { documentRef } from '../shared/support/builders.ts';

interface Answer {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: Readable;
}

/**
 * An S3 client whose HTTP handler answers in memory (no network): GetObject with `original`, PutObject
 * with `putStatus` and S3's XML error for it.
 */
function s3Answering(original: Readable, putStatus: number): S3Client {
  const errorXml = (code: string) =>
    Readable.from([
      `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>m</Message></Error>`,
    ]);
  const handle = async (request: { method: string }): Promise<{ response: Answer }> => {
    if (request.method === 'GET')
      return { response: { statusCode: 200, headers: { 'content-length': '4' }, body: original } };
    if (putStatus === 200)
      return { response: { statusCode: 200, headers: { etag: '"e"' }, body: Readable.from([]) } };
    const code =
      putStatus === 412 ? 'PreconditionFailed' : putStatus === 403 ? 'AccessDenied' : 'InternalError';
    return {
      response: {
        statusCode: putStatus,
        headers: { 'content-type': 'application/xml' },
        body: errorXml(code),
      },
    };
  };
  return new S3Client({
    region: 'us-east-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 's' },
    maxAttempts: 1,
    requestHandler: { handle, updateHttpClientConfig: () => undefined, httpHandlerConfigs: () => ({}) },
  });
}

describe('the quarantine copy', () => {
  it.each([
    [403, 'AccessDenied'],
    [500, 'InternalError'],
  ])('destroys the original read when the write fails with %i, and rethrows', async (status, name) => {
    // Prepare: a read nobody consumes (the write failed before taking it)
    const original = new Readable({ read: () => undefined });
    const objects = new S3QuarantineObjects('bucket', s3Answering(original, status));
    // Act
    const outcome = await objects.copyOnce(documentRef(), 'quarantine/x.pdf', {}).catch((e: unknown) => e);
    // Assess
    expect(outcome).toMatchObject({ name });
    expect(original.destroyed).toBe(true);
  });

  it('destroys the original read when an earlier run made the copy (412), and reports it found', async () => {
    const original = new Readable({ read: () => undefined });
    const objects = new S3QuarantineObjects('bucket', s3Answering(original, 412));
    expect(await objects.copyOnce(documentRef(), 'quarantine/x.pdf', {})).toBe('found');
    expect(original.destroyed).toBe(true);
  });
});
