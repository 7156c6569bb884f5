import { errorName } from '../operator/errors.ts';

/** What an AWS error means to a check: the thing is absent, the reader may not look, or there is no service here. */
export type ErrorKind = 'not-found' | 'access-denied' | 'no-endpoint' | 'no-credentials' | 'other';

// Each service's own name for "no such thing" (its API reference's error list).
const notFound = new Set([
  'NotFoundException', // sesv2 GetEmailIdentity / GetConfigurationSet
  'ParameterNotFound', // ssm GetParameter
  'NoSuchResourceException', // service-quotas
]);
const accessDenied = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedException',
]);
// The credential chain found nothing, or STS refused what it found.
const noCredentials = new Set([
  'CredentialsProviderError',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
]);
// A host that does not resolve: the service has no endpoint in the region (SDK v2 called this UnknownEndpoint).
const noEndpointCodes = new Set(['ENOTFOUND', 'EAI_AGAIN', 'UnknownEndpoint']);

function codeOf(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

export function errorKind(error: unknown): ErrorKind {
  const name = errorName(error) ?? '';
  const code = codeOf(error) ?? '';
  if (notFound.has(name)) return 'not-found';
  // CloudFormation answers a missing stack with ValidationError "Stack with id X does not exist".
  if (name === 'ValidationError' && error instanceof Error && /does not exist/.test(error.message))
    return 'not-found';
  if (accessDenied.has(name)) return 'access-denied';
  if (noCredentials.has(name)) return 'no-credentials';
  if (noEndpointCodes.has(code) || noEndpointCodes.has(name)) return 'no-endpoint';
  return 'other';
}

/** `Name: message`, for a finding's detail. */
export function describeError(error: unknown): string {
  const name = errorName(error) ?? 'Error';
  const message = error instanceof Error ? error.message : String(error);
  return `${name}: ${message}`;
}

/** An error a recording holds, thrown again with the name AWS gave it. */
export class RecordedAwsError extends Error {
  readonly code: string | undefined;
  constructor(name: string, message: string, code?: string) {
    super(message);
    this.name = name;
    this.code = code;
  }
}
