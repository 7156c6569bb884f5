import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Listening, listenLoopback } from '../http/json-server.ts';
import { passThrough } from '../http/pass-through.ts';

/**
 * The access key id a namespace's requests carry to a DynamoDB Local started without `-sharedDb`,
 * which keeps one database per access key id and region (DynamoDB local usage notes:
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DynamoDBLocal.UsageNotes.html).
 * Letters and digits only: the only characters DynamoDB Local accepts in an access key id.
 *
 * @example namespaceKey('/tmp/tower-abc') // 'TN3f9c…' (24 characters, the same for the same key)
 */
export function namespaceKey(namespace: string): string {
  return `TN${createHash('sha256').update(namespace, 'utf8').digest('hex').slice(0, 22)}`;
}

const credentialScope = /(Credential=)[^/,\s]*\//;

/**
 * The SigV4 `Authorization` header with its credential scope's access key id replaced, or undefined
 * when it has no credential scope. DynamoDB Local reads the key from there and checks no signature.
 */
export function withAccessKey(authorization: string, accessKeyId: string): string | undefined {
  if (!credentialScope.test(authorization)) return undefined;
  return authorization.replace(credentialScope, `$1${accessKeyId}/`);
}

/**
 * A loopback front of a shared DynamoDB Local (started with `sharedDb: false`) that gives everything
 * sent through it one database of its own, named by `namespace` (a runtime's data directory): every
 * request is passed on with the namespace's access key id, whatever key the caller signed with (all
 * local clients sign with s3rver's one key). The same namespace finds the same tables again.
 */
export function startDynamoDbNamespace(sharedUrl: string, namespace: string): Promise<Listening> {
  const to = new URL(sharedUrl);
  const key = namespaceKey(namespace);
  return listenLoopback(async (req: IncomingMessage, res: ServerResponse) => {
    const given = req.headers.authorization;
    const rewritten = typeof given === 'string' ? withAccessKey(given, key) : undefined;
    // Unsigned or malformed, it goes on as it came: DynamoDB Local refuses it (MissingAuthenticationToken).
    if (rewritten !== undefined) req.headers.authorization = rewritten;
    await passThrough(to, req, res);
  });
}
