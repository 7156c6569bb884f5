import {
  CreateQueueCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSqs } from '../../../../local/emulators/sqs.ts';
import type { Listening } from '../../../../local/http/json-server.ts';
import { localCredentials } from '../../../../local/runtime/clients.ts';
import { queueUrlOn } from '../../../../local/runtime/resources.ts';

describe('the local SQS queue URLs', () => {
  let sqs: Listening;
  let client: SQSClient;
  beforeAll(async () => {
    sqs = await startSqs();
    client = new SQSClient({ region: 'us-east-1', endpoint: sqs.url, credentials: localCredentials });
  });
  afterAll(async () => sqs?.close());

  it('names the address the queue was created at, which resolves (not sqs.<region>.localhost)', async () => {
    const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: 'urls-resolve' }));
    expect(QueueUrl).toBe(`${sqs.url}/000000000000/urls-resolve`);
  });

  it('finds a queue by its URL path when the URL names another endpoint (the IAM proxy a function calls)', async () => {
    // Prepare
    const { QueueUrl = '' } = await client.send(new CreateQueueCommand({ QueueName: 'urls-elsewhere' }));
    const onProxy = queueUrlOn('http://127.0.0.1:9/', QueueUrl);
    expect(onProxy).toBe('http://127.0.0.1:9/000000000000/urls-elsewhere');
    // Act: the client's explicit endpoint is the emulator, so the URL's host only names the queue
    await client.send(new SendMessageCommand({ QueueUrl: onProxy, MessageBody: 'hello' }));
    const received = await client.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }));
    // Assess
    expect(received.Messages?.map((m) => m.Body)).toEqual(['hello']);
  });
});
