import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knownDifference } from './support/known-difference.ts';
import { createBucket } from './support/resources.ts';
import { type ConformanceTarget, openTarget, type TargetClients } from './support/target.ts';

// What the approval page's document link relies on (lambdas/platform/human-step/approval-api/document-link.ts):
// - "The credentials used by the presigned URL are those of the AWS Identity and Access Management
//   (IAM) principal who generated the URL" and it works "up to the expiration date and time"
//   (https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-presigned-url.html): a principal that
//   may not s3:GetObject signs URLs S3 refuses with 403 AccessDenied, and an expired URL is refused.
// - GetObject's response-content-type and response-content-disposition query parameters override the
//   stored headers on a signed request (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html,
//   "Overriding response header values through the request"), so the page decides how a browser shows it.

let target: ConformanceTarget;
let bucket: string;
let reader: TargetClients;
let outsider: TargetClients;
const key = 'invoices/presigned.pdf';
const body = '%PDF-1.7\n% a tiny stand-in for an invoice\n%%EOF\n';

beforeAll(async () => {
  target = await openTarget();
  bucket = await createBucket(target, 'presign-bucket');
  await target
    .clients()
    .s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/octet-stream' }),
    );
  reader = await target.createPrincipal('presign-reader', [
    { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` },
  ]);
  outsider = await target.createPrincipal('presign-outsider', [
    { Effect: 'Allow', Action: 's3:ListBucket', Resource: `arn:aws:s3:::${bucket}` },
  ]);
}, 180_000);
afterAll(() => target.close());

const sign = (clients: TargetClients, expiresIn: number) =>
  getSignedUrl(
    clients.s3,
    new GetObjectCommand({
      Bucket: bucket,
      Key: key,
      ResponseContentType: 'application/pdf',
      ResponseContentDisposition: "inline; filename*=UTF-8''presigned.pdf",
    }),
    { expiresIn },
  );

describe('presigned GetObject URLs', () => {
  it('serve the object, with the type and disposition the signer chose, to anyone holding the URL', async () => {
    // Act
    const response = await fetch(await sign(reader, 300));
    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe("inline; filename*=UTF-8''presigned.pdf");
    expect(await response.text()).toBe(body);
  });

  it('act with the signer’s permissions: one who may not read the object signs a URL S3 refuses', async () => {
    const response = await fetch(await sign(outsider, 300));
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('<Code>AccessDenied</Code>');
  });

  it('are refused once expired', async () => {
    const url = await sign(reader, 1);
    await new Promise((r) => setTimeout(r, 2100));
    const response = await fetch(url);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('<Code>AccessDenied</Code>');
  });

  it(
    'refuse a URL whose signature does not match its parameters',
    knownDifference(
      {
        id: 's3-presigned-signature',
        reason:
          's3rver accepts any Signature Version 4 signature; the local IAM proxy checks who signed, not what was signed',
      },
      async () => {
        const url = new URL(await sign(reader, 300));
        url.searchParams.set('response-content-type', 'text/html');
        const response = await fetch(url);
        expect(response.status).toBe(403);
        expect(await response.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
      },
    ),
  );
});
