import { dynamodbStreamsCalls, streamsTargetPrefix } from './dynamodb-streams-actions.ts';
import {
  type EndpointRequest,
  formBody,
  header,
  jsonBody,
  type MappingScope,
  type RequiredCall,
  type ServiceName,
} from './requests.ts';

/**
 * The authorisations AWS makes for one request, caller's first, then the KMS calls the service makes
 * with the caller's credentials; an empty list means nothing to authorise (it is not an AWS call
 * this runtime maps, and the endpoint answers it as it would).
 *
 * KMS on the caller's behalf, per the service guides:
 * - DynamoDB: kms:Decrypt on every data-plane call of a table with a customer managed key (KMS
 *   Developer Guide, "How Amazon DynamoDB uses AWS KMS").
 * - S3 SSE-KMS: kms:GenerateDataKey to put, kms:Decrypt to get (S3 User Guide, "Using server-side
 *   encryption with AWS KMS keys (SSE-KMS)").
 * - SQS SSE: a producer needs kms:GenerateDataKey and kms:Decrypt, a consumer kms:Decrypt (SQS Developer
 *   Guide, "Amazon SQS key management"); SNS SSE likewise for publishers (SNS Developer Guide,
 *   "Encryption at rest").
 */
export function requiredCalls(
  service: ServiceName,
  request: EndpointRequest,
  scope: MappingScope,
  mappings: Readonly<Record<string, RequestMapping>> = engineMappings,
): RequiredCall[] {
  const map = mappings[service];
  // An endpoint with no mapping would let every call through: refuse to guess.
  if (!map) throw new Error(`IAM: no request mapping for ${service}; its capability must give one`);
  return map(request, scope);
}

/** The authorisations of a request to one service's API. */
export type RequestMapping = (request: EndpointRequest, scope: MappingScope) => RequiredCall[];

/** The services the engine itself emulates; a capability adds the mapping of the one it brings. */
export const engineMappings: Readonly<Record<string, RequestMapping>> = {
  dynamodb: (request, scope) => dynamodbCalls(request, scope),
  s3: (request, scope) => s3Calls(request, scope),
  // fauxqs serves SQS (JSON) and SNS (query) on one endpoint.
  sqs: (request, scope) =>
    header(request, 'x-amz-target')?.startsWith('AmazonSQS.') || !formBody(request).get('Action')
      ? sqsCalls(request, scope)
      : snsCalls(request, scope),
  sns: (request, scope) => snsCalls(request, scope),
  sfn: (request) => sfnCalls(request),
};

const kms = (
  keyArn: string | undefined,
  actions: readonly string[],
  service: string,
  scope: MappingScope,
): RequiredCall[] =>
  keyArn === undefined
    ? []
    : actions.map((action) => ({
        action,
        resource: keyArn,
        kind: 'kms' as const,
        context: {
          'kms:ViaService': `${service}.${scope.region}.amazonaws.com`,
          'kms:CallerAccount': scope.account,
        },
      }));

const dynamoControlPlane = new Set([
  'DescribeTable',
  'ListTables',
  'CreateTable',
  'DeleteTable',
  'UpdateTable',
  'DescribeTimeToLive',
  'UpdateTimeToLive',
]);

export function dynamodbCalls(request: EndpointRequest, scope: MappingScope): RequiredCall[] {
  const [api, operation] = header(request, 'x-amz-target')?.split('.') ?? [];
  if (!operation) return [];
  const body = jsonBody(request);
  if (api?.startsWith(streamsTargetPrefix)) return dynamodbStreamsCalls(operation, body);
  const tableArn = (name: string) =>
    name.startsWith('arn:') ? name : `arn:aws:dynamodb:${scope.region}:${scope.account}:table/${name}`;
  const calls: { action: string; table: string; index?: string }[] = [];
  const transactionAction: Record<string, string> = {
    Put: 'PutItem',
    Update: 'UpdateItem',
    Delete: 'DeleteItem',
    ConditionCheck: 'ConditionCheckItem',
    Get: 'GetItem',
  };
  if (operation === 'BatchGetItem' || operation === 'BatchWriteItem') {
    for (const table of Object.keys((body.RequestItems as Record<string, unknown> | undefined) ?? {}))
      calls.push({ action: operation, table });
  } else if (operation === 'TransactWriteItems' || operation === 'TransactGetItems') {
    for (const item of (body.TransactItems as Record<string, { TableName?: string }>[] | undefined) ?? [])
      for (const [kind, part] of Object.entries(item))
        if (part.TableName) calls.push({ action: transactionAction[kind] ?? kind, table: part.TableName });
  } else if (operation === 'ListTables') {
    return [{ action: 'dynamodb:ListTables', resource: '*' }];
  } else if (typeof body.TableName === 'string') {
    calls.push({
      action: operation,
      table: body.TableName,
      ...(typeof body.IndexName === 'string' ? { index: body.IndexName } : {}),
    });
  }
  const required: RequiredCall[] = [];
  for (const call of calls) {
    const arn = tableArn(call.table);
    required.push({
      action: `dynamodb:${call.action}`,
      resource: call.index ? `${arn}/index/${call.index}` : arn,
    });
  }
  if (!dynamoControlPlane.has(operation))
    for (const table of new Set(calls.map((c) => tableArn(c.table))))
      required.push(...kms(scope.encryptionKeyOf(table), ['kms:Decrypt'], 'dynamodb', scope));
  return required;
}

export function s3Calls(request: EndpointRequest, scope: MappingScope): RequiredCall[] {
  // Split by hand: URL parsing would resolve `..` segments, and S3 keys are verbatim.
  const [pathname = '', search = ''] = request.url.split(/\?(.*)/s);
  const [, bucket = '', ...rest] = pathname.split('/');
  if (bucket === '') return [{ action: 's3:ListAllMyBuckets', resource: '*' }];
  // Keys verbatim, as S3 stores them: `../` is part of the key, not a path step.
  const key = rest.map((part) => decodeURIComponent(part)).join('/');
  const bucketArn = `arn:aws:s3:::${decodeURIComponent(bucket)}`;
  const objectArn = `${bucketArn}/${key}`;
  const q = new URLSearchParams(search);
  const method = request.method.toUpperCase();
  const bucketKey = scope.encryptionKeyOf(bucketArn);
  if (key === '') {
    if (method === 'GET' && q.has('versions'))
      return [
        {
          action: 's3:ListBucketVersions',
          resource: bucketArn,
          context: { 's3:prefix': q.get('prefix') ?? '' },
        },
      ];
    if (
      method === 'GET' &&
      (q.has('list-type') || q.has('prefix') || [...q.keys()].length === 0 || q.has('delimiter'))
    )
      return [
        { action: 's3:ListBucket', resource: bucketArn, context: { 's3:prefix': q.get('prefix') ?? '' } },
      ];
    if (method === 'HEAD') return [{ action: 's3:ListBucket', resource: bucketArn }];
    if (method === 'POST' && q.has('delete')) {
      const keys = [...request.body.toString('utf8').matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => m[1] ?? '');
      return keys.map((k) => ({ action: 's3:DeleteObject', resource: `${bucketArn}/${decodeXml(k)}` }));
    }
    if (method === 'PUT' && [...q.keys()].length === 0)
      return [{ action: 's3:CreateBucket', resource: bucketArn }];
    const sub = [...q.keys()][0] ?? '';
    return [
      {
        action: `s3:${method === 'GET' ? 'Get' : 'Put'}Bucket${sub.charAt(0).toUpperCase()}${sub.slice(1)}`,
        resource: bucketArn,
      },
    ];
  }
  const versioned = q.has('versionId');
  switch (method) {
    case 'GET':
    case 'HEAD':
      if (q.has('tagging'))
        return [
          { action: versioned ? 's3:GetObjectVersionTagging' : 's3:GetObjectTagging', resource: objectArn },
        ];
      return [
        { action: versioned ? 's3:GetObjectVersion' : 's3:GetObject', resource: objectArn },
        ...(method === 'GET' ? kms(bucketKey, ['kms:Decrypt'], 's3', scope) : []),
      ];
    case 'PUT': {
      if (q.has('tagging')) return [{ action: 's3:PutObjectTagging', resource: objectArn }];
      const source = header(request, 'x-amz-copy-source');
      const copied: RequiredCall[] = [];
      if (source) {
        const [path = '', query = ''] = decodeURIComponent(source).replace(/^\//, '').split('?');
        copied.push({
          action: query.includes('versionId') ? 's3:GetObjectVersion' : 's3:GetObject',
          resource: `arn:aws:s3:::${path}`,
        });
        copied.push(...kms(bucketKey, ['kms:Decrypt'], 's3', scope));
      }
      return [
        { action: 's3:PutObject', resource: objectArn },
        ...copied,
        ...kms(bucketKey, ['kms:GenerateDataKey'], 's3', scope),
      ];
    }
    case 'POST':
      return [
        { action: 's3:PutObject', resource: objectArn },
        ...kms(bucketKey, ['kms:GenerateDataKey'], 's3', scope),
      ];
    case 'DELETE': {
      if (q.has('uploadId')) return [{ action: 's3:AbortMultipartUpload', resource: objectArn }];
      // A delete on the condition of an ETag reads it too (User Guide, "How to perform conditional deletes").
      const ifMatch = header(request, 'if-match');
      const readsETag = ifMatch !== undefined && ifMatch.trim() !== '*';
      return [
        { action: versioned ? 's3:DeleteObjectVersion' : 's3:DeleteObject', resource: objectArn },
        ...(readsETag ? [{ action: 's3:GetObject', resource: objectArn }] : []),
      ];
    }
    default:
      return [{ action: `s3:${method}`, resource: objectArn }];
  }
}

const decodeXml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

const sqsBatch: Record<string, string> = {
  SendMessageBatch: 'SendMessage',
  DeleteMessageBatch: 'DeleteMessage',
  ChangeMessageVisibilityBatch: 'ChangeMessageVisibility',
};

export function queueArnOfUrl(queueUrl: string, scope: MappingScope): string {
  const name = new URL(queueUrl, 'http://local').pathname.split('/').filter(Boolean).pop() ?? '';
  return `arn:aws:sqs:${scope.region}:${scope.account}:${name}`;
}

export function sqsCalls(request: EndpointRequest, scope: MappingScope): RequiredCall[] {
  const target = header(request, 'x-amz-target');
  const form = target ? undefined : formBody(request);
  const operation = target?.split('.')[1] ?? form?.get('Action') ?? '';
  if (!operation) return [];
  const body = target ? jsonBody(request) : Object.fromEntries(form ?? []);
  const action = `sqs:${sqsBatch[operation] ?? operation}`;
  if (operation === 'ListQueues') return [{ action, resource: '*' }];
  const queueArn =
    typeof body.QueueUrl === 'string'
      ? queueArnOfUrl(body.QueueUrl, scope)
      : `arn:aws:sqs:${scope.region}:${scope.account}:${String(body.QueueName ?? '')}`;
  const key = scope.encryptionKeyOf(queueArn);
  const keyActions =
    operation === 'SendMessage' || operation === 'SendMessageBatch'
      ? ['kms:GenerateDataKey', 'kms:Decrypt']
      : operation === 'ReceiveMessage'
        ? ['kms:Decrypt']
        : [];
  return [{ action, resource: queueArn }, ...kms(key, keyActions, 'sqs', scope)];
}

export function snsCalls(request: EndpointRequest, scope: MappingScope): RequiredCall[] {
  const form = formBody(request);
  const operation = form.get('Action') ?? '';
  if (!operation) return [];
  const topicArn = form.get('TopicArn') ?? form.get('TargetArn') ?? '*';
  const key = topicArn === '*' ? undefined : scope.encryptionKeyOf(topicArn);
  const keyActions =
    operation === 'Publish' || operation === 'PublishBatch' ? ['kms:GenerateDataKey', 'kms:Decrypt'] : [];
  return [
    { action: `sns:${operation === 'PublishBatch' ? 'Publish' : operation}`, resource: topicArn },
    ...kms(key, keyActions, 'sns', scope),
  ];
}

/** SES authorises sending against an identity: the address's own, or its domain's when that is the verified one. */

export function sfnCalls(request: EndpointRequest): RequiredCall[] {
  const operation = header(request, 'x-amz-target')?.split('.')[1];
  if (!operation) return [];
  const body = jsonBody(request);
  const action = `states:${operation}`;
  if (typeof body.stateMachineArn === 'string') return [{ action, resource: body.stateMachineArn }];
  if (typeof body.executionArn === 'string') return [{ action, resource: body.executionArn }];
  // SendTask* have no resource types: IAM authorises them on `*` (the token is the authority).
  if (typeof body.taskToken === 'string') return [{ action, resource: '*' }];
  return [{ action, resource: '*' }];
}
