import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Each emulated service's endpoint, by the SDK's service id (`dynamodb`, `s3`, `sqs`, `sns`, `ses`, `sfn`…). */
export interface Endpoints {
  readonly dynamodb: string;
  readonly s3: string;
  readonly sqs: string;
  readonly sns: string;
  readonly ses: string;
  readonly sfn: string;
  readonly [service: string]: string;
}

const engineServices = ['dynamodb', 's3', 'sqs', 'sns', 'ses', 'sfn'] as const;

/** Endpoints by service, checked to hold every service the engine and its clients need. */
export function asEndpoints(record: Readonly<Record<string, string>>): Endpoints {
  const missing = engineServices.filter((service) => !record[service]);
  if (missing.length > 0) throw new Error(`local runtime: no endpoint for ${missing.join(', ')}`);
  const [dynamodb = '', s3 = '', sqs = '', sns = '', ses = '', sfn = ''] = engineServices.map(
    (s) => record[s],
  );
  return { ...record, dynamodb, s3, sqs, sns, ses, sfn };
}

// s3rver knows only this key pair; the other emulators accept any.
export const localCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** SDK clients for the runtime itself and its tools, pointed at the local endpoints explicitly. */
export function localClients(endpoints: Endpoints, region: string) {
  const common = { region, credentials: localCredentials };
  const dynamo = new DynamoDBClient({ ...common, endpoint: endpoints.dynamodb });
  return {
    dynamo,
    documents: DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } }),
    s3: new S3Client({
      ...common,
      endpoint: endpoints.s3,
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
    sqs: new SQSClient({ ...common, endpoint: endpoints.sqs }),
    sns: new SNSClient({ ...common, endpoint: endpoints.sns }),
    ses: new SESv2Client({ ...common, endpoint: endpoints.ses }),
    sfn: new SFNClient({ ...common, endpoint: endpoints.sfn }),
  };
}

export type LocalClients = ReturnType<typeof localClients>;

/**
 * The variables every local function gets: credentials, region, and one `AWS_ENDPOINT_URL_<SERVICE>`
 * per service, so handlers reach local emulators without knowing it.
 */
export function endpointEnvironment(endpoints: Endpoints, region: string): Record<string, string> {
  return {
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    ...Object.fromEntries(
      Object.entries(endpoints).map(([service, url]) => [`AWS_ENDPOINT_URL_${service.toUpperCase()}`, url]),
    ),
    // SES v2 clients read their own variable; the local SES serves both APIs.
    AWS_ENDPOINT_URL_SESV2: endpoints.ses,
    // DynamoDB Local answers the Streams API on DynamoDB's endpoint (its IAM proxy maps both).
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: endpoints.dynamodb,
    // s3rver stores streamed uploads corrupted when the SDK adds its default checksums.
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
  };
}
