import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { request } from 'node:http';
import { crc32 } from 'node:zlib';
import { type Listening, listenLoopback, readBody } from '../http/json-server.ts';

/**
 * The access key id a namespace's requests carry to a DynamoDB Local started without `-sharedDb`,
 * which keeps one database per access key id and region (DynamoDB local usage notes:
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DynamoDBLocal.UsageNotes.html).
 * Letters and digits only: the only characters DynamoDB Local accepts in an access key id.
 *
 * @example namespaceKey('/tmp/tower-abc') // 'TN3f9c…' (24 characters, the same for the same namespace)
 */
export function namespaceKey(namespace: string): string {
  return `TN${createHash('sha256').update(namespace, 'utf8').digest('hex').slice(0, 22)}`;
}

const credentialScope = /(Credential=)([^/,\s]*)\/(\d{8})\/([^/,\s]+)\//;

/** The region a SigV4 `Authorization` header's credential scope names, or undefined. */
export function scopeRegion(authorization: string): string | undefined {
  return credentialScope.exec(authorization)?.[4];
}

/**
 * The SigV4 `Authorization` header with its credential scope's access key id replaced, or undefined
 * when it has no credential scope. DynamoDB Local reads the key from there and checks no signature.
 */
export function withAccessKey(authorization: string, accessKeyId: string): string | undefined {
  if (!credentialScope.test(authorization)) return undefined;
  return authorization.replace(credentialScope, `$1${accessKeyId}/$3/$4/`);
}

/**
 * DynamoDB Local names region `ddblocal` in every table and stream ARN (and shard iterator) it hands
 * out, where AWS names the table's region; it finds a stream only by its own form. Both ways, in a body.
 */
export const localArns = {
  fromLocal: (body: string, region: string) =>
    body.replace(/arn:aws:dynamodb:ddblocal:(\d{12}):/g, `arn:aws:dynamodb:${region}:$1:`),
  toLocal: (body: string, region: string) =>
    body.replaceAll(`arn:aws:dynamodb:${region}:`, 'arn:aws:dynamodb:ddblocal:'),
};

interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

function exchange(to: URL, req: IncomingMessage, headers: IncomingHttpHeaders, body: Buffer) {
  return new Promise<Answer>((resolve, reject) => {
    const out = request(
      { hostname: to.hostname, port: to.port, path: req.url, method: req.method, headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () =>
          resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: Buffer.concat(chunks) }),
        );
        answer.on('error', reject);
      },
    );
    out.on('error', reject);
    out.end(body);
  });
}

/** DynamoDB's largest request (BatchWriteItem: 16 MB) with room for its JSON. */
const requestLimit = 20 * 1024 * 1024;

/**
 * A loopback front of AWS's DynamoDB Local that answers as DynamoDB does: ARNs name the caller's region
 * (its credential scope's), not `ddblocal`. Given a `namespace` (a runtime's data directory), every
 * request also goes on with the namespace's access key id, whatever key the caller signed with (all
 * local clients sign with s3rver's one key), so runtimes sharing one DynamoDB Local started without
 * `-sharedDb` each have a database of their own, and the same namespace finds the same tables again.
 */
export function startDynamoDbFront(
  localUrl: string,
  options: { namespace?: string } = {},
): Promise<Listening> {
  const to = new URL(localUrl);
  const key = options.namespace === undefined ? undefined : namespaceKey(options.namespace);
  return listenLoopback(async (req: IncomingMessage, res: ServerResponse) => {
    const given = typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined;
    const region = given ? scopeRegion(given) : undefined;
    const received = await readBody(req, requestLimit);
    // Unsigned or malformed, it goes on as it came: DynamoDB Local refuses it (MissingAuthenticationToken).
    const body = region ? Buffer.from(localArns.toLocal(received.toString('utf8'), region)) : received;
    // No accept-encoding: the answer comes uncompressed, so its ARNs can be read.
    const { 'accept-encoding': _compressed, ...kept } = req.headers;
    const headers: IncomingHttpHeaders = { ...kept, host: to.host, 'content-length': String(body.length) };
    if (given && key) headers.authorization = withAccessKey(given, key) ?? given;
    let answer: Answer;
    try {
      answer = await exchange(to, req, headers, body);
    } catch {
      if (!res.headersSent) res.writeHead(502).end();
      return;
    }
    const text = region ? localArns.fromLocal(answer.body.toString('utf8'), region) : undefined;
    const sent = text === undefined ? answer.body : Buffer.from(text);
    const { 'transfer-encoding': _chunked, ...answered } = answer.headers;
    const out: IncomingHttpHeaders = { ...answered, 'content-length': String(sent.length) };
    // DynamoDB sends its body's CRC32, which SDKs may check: it follows the rewritten body.
    if (out['x-amz-crc32'] !== undefined) out['x-amz-crc32'] = String(crc32(sent));
    res.writeHead(answer.status, out);
    res.end(sent);
  });
}
