import { describe, expect, it } from 'vitest';
import {
  createdObjects,
  MalformedEventError,
} from '../../../../../lambdas/platform/intake/start-execution/s3-events.ts';

type ObjectFields = {
  key?: unknown;
  size?: unknown;
  versionId?: unknown;
  sequencer?: unknown;
  eTag?: unknown;
};

/** One S3 notification record as S3 sends it to SQS; `object` fields replace the defaults (undefined removes). */
function s3Record(
  eventName: string,
  object: ObjectFields = {},
  principalId: string | null = 'AWS:AIDAEXAMPLE',
) {
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    eventName,
    userIdentity: principalId === null ? undefined : { principalId },
    s3: {
      bucket: { name: 'tower-data' },
      object: { key: 'invoices/acme.pdf', size: 2048, eTag: 'etag-1', sequencer: '0065A1B2C3', ...object },
    },
  };
}

const body = (...records: unknown[]) => JSON.stringify({ Records: records });

describe('createdObjects', () => {
  it('reads a created object with its identity and uploader', () => {
    // Act
    const objects = createdObjects(body(s3Record('ObjectCreated:Put', { versionId: 'v-1' })));

    // Assess
    expect(objects).toEqual([
      {
        bucket: 'tower-data',
        key: 'invoices/acme.pdf',
        versionId: 'v-1',
        size: 2048,
        eventIdentity: 'v-1',
        uploader: 'AWS:AIDAEXAMPLE',
      },
    ]);
  });

  it.each([
    ['a space written as +', 'invoices/March+invoice.pdf', 'invoices/March invoice.pdf'],
    ['a literal plus written as %2B', 'invoices/a%2Bb.pdf', 'invoices/a+b.pdf'],
    ['both', 'invoices/Q1+%2B+Q2.pdf', 'invoices/Q1 + Q2.pdf'],
    ['non-ASCII characters', 'invoices/M%C3%BCller+GmbH.pdf', 'invoices/Müller GmbH.pdf'],
    ['an encoded percent sign', 'invoices/100%25.pdf', 'invoices/100%.pdf'],
    ['a nested prefix', 'invoices/2025/03/x.pdf', 'invoices/2025/03/x.pdf'],
  ])('URL-decodes a key with %s', (_name, raw, expected) => {
    expect(createdObjects(body(s3Record('ObjectCreated:Put', { key: raw })))[0]?.key).toBe(expected);
  });

  it.each([
    ['the version id', { versionId: 'v-9', sequencer: 'seq', eTag: 'etag' }, 'v-9'],
    ['the sequencer when unversioned', { versionId: undefined, sequencer: 'seq', eTag: 'etag' }, 'seq'],
    [
      'the ETag when there is nothing else',
      { versionId: undefined, sequencer: undefined, eTag: 'etag' },
      'etag',
    ],
    ['the sequencer when the version id is null', { versionId: null, sequencer: 'seq' }, 'seq'],
  ])('identifies the event by %s', (_name, object, identity) => {
    expect(createdObjects(body(s3Record('ObjectCreated:Put', object)))[0]?.eventIdentity).toBe(identity);
  });

  it.each([
    'ObjectCreated:Put',
    'ObjectCreated:Post',
    'ObjectCreated:Copy',
    'ObjectCreated:CompleteMultipartUpload',
  ])('accepts %s', (eventName) => {
    expect(createdObjects(body(s3Record(eventName)))).toHaveLength(1);
  });

  it.each([
    'ObjectRemoved:Delete',
    'ObjectRemoved:DeleteMarkerCreated',
    'ObjectRestore:Completed',
    's3:TestEvent',
  ])('ignores %s', (eventName) => {
    expect(createdObjects(body(s3Record(eventName)))).toEqual([]);
  });

  it("yields nothing for S3's test event", () => {
    expect(
      createdObjects(JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: 'tower-data' })),
    ).toEqual([]);
  });

  it('skips folder markers but keeps a non-empty object whose key ends with a slash', () => {
    // Prepare
    const message = body(
      s3Record('ObjectCreated:Put', { key: 'invoices/2025/', size: 0 }),
      s3Record('ObjectCreated:Put', { key: 'invoices/odd/', size: 10 }),
      s3Record('ObjectCreated:Put', { key: 'invoices/real.pdf', size: 0 }),
    );

    // Act
    const keys = createdObjects(message).map((o) => o.key);

    // Assess
    expect(keys).toEqual(['invoices/odd/', 'invoices/real.pdf']);
  });

  it('keeps only the created objects of a mixed message, in order', () => {
    const message = body(
      s3Record('ObjectCreated:Put', { key: 'invoices/1.pdf' }),
      s3Record('ObjectRemoved:Delete', { key: 'invoices/2.pdf' }),
      s3Record('ObjectCreated:Copy', { key: 'invoices/3.pdf' }),
    );
    expect(createdObjects(message).map((o) => o.key)).toEqual(['invoices/1.pdf', 'invoices/3.pdf']);
  });

  it('leaves the uploader unknown when the record names none', () => {
    expect(createdObjects(body(s3Record('ObjectCreated:Put', {}, null)))[0]?.uploader).toBeUndefined();
  });

  it('reads a missing size as zero and a string size as a number', () => {
    expect(createdObjects(body(s3Record('ObjectCreated:Put', { size: undefined })))[0]?.size).toBe(0);
    expect(createdObjects(body(s3Record('ObjectCreated:Put', { size: '77' })))[0]?.size).toBe(77);
  });

  it('refuses a record with no version id, sequencer or ETag', () => {
    const message = body(
      s3Record('ObjectCreated:Put', { versionId: undefined, sequencer: undefined, eTag: undefined }),
    );
    expect(() => createdObjects(message)).toThrow(MalformedEventError);
  });

  it.each([
    ['not JSON', 'not json {'],
    ['JSON null', 'null'],
    ['a JSON string', '"Records"'],
    ['an object without Records', '{"Message":"hello"}'],
    ['Records that are not a list', '{"Records":{}}'],
    [
      'a record without a bucket',
      JSON.stringify({ Records: [{ eventName: 'ObjectCreated:Put', s3: { object: { key: 'k' } } }] }),
    ],
    ['a record without s3', JSON.stringify({ Records: [{ eventName: 'ObjectCreated:Put' }] })],
    ['a record whose key is not text', body(s3Record('ObjectCreated:Put', { key: 42 }))],
  ])('throws MalformedEventError for %s', (_name, message) => {
    expect(() => createdObjects(message)).toThrow(MalformedEventError);
  });

  it('names the malformation without echoing the body', () => {
    // Act
    const error = (() => {
      try {
        createdObjects('{"secret":"do-not-log"');
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();

    // Assess
    expect(error?.name).toBe('MalformedEventError');
    expect(error?.message).not.toContain('do-not-log');
  });

  it('ignores records without an event name', () => {
    expect(createdObjects(JSON.stringify({ Records: [null, {}, { eventName: 7 }] }))).toEqual([]);
  });
});
