/** A local endpoint's request as the IAM proxy sees it. */
export interface EndpointRequest {
  readonly method: string;
  /** Path and query, as received. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

/** One authorisation AWS makes for a request: the caller's, or the KMS call a service makes for it. */
export interface RequiredCall {
  readonly action: string;
  readonly resource: string;
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
  /** `kms`: the service calls KMS with the caller's credentials (DynamoDB, S3, SQS, SNS). */
  readonly kind?: 'kms';
  /** Any one of these resources suffices (SES: the address identity or its domain's). */
  readonly anyOf?: readonly string[];
}

/** An emulated service, by the SDK's id for it (`dynamodb`, `s3`, `textract`…). */
export type ServiceName = string;

/** Local facts the mapping needs: account, region, which key encrypts what, whether SES is a sandbox. */
export interface MappingScope {
  readonly region: string;
  readonly account: string;
  readonly encryptionKeyOf: (resourceArn: string) => string | undefined;
  /** Whether SES checks recipients too (an account in the SES sandbox). */
  readonly sesSandbox: boolean;
}

/**
 * Whether mapping a request to its authorisations reads the body: every JSON and query API does; of
 * S3's, only DeleteObjects (`POST /bucket?delete`, its keys in XML), so object bodies stream through.
 */
export function bodyNeeded(service: ServiceName, method: string, url: string): boolean {
  if (service !== 's3') return true;
  const [path = '', search = ''] = url.split(/\?(.*)/s);
  const bucketOnly = path.split('/').filter(Boolean).length <= 1;
  return method.toUpperCase() === 'POST' && bucketOnly && new URLSearchParams(search).has('delete');
}

export const header = (request: EndpointRequest, name: string): string | undefined => {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
};

export function jsonBody(request: EndpointRequest): Record<string, unknown> {
  if (request.body.length === 0) return {};
  try {
    return JSON.parse(request.body.toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export function formBody(request: EndpointRequest): URLSearchParams {
  return new URLSearchParams(request.body.toString('utf8'));
}
