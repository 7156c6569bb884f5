/**
 * Each local function calls the local endpoints as its own role: its AWS_SESSION_TOKEN carries the
 * role ARN (s3rver accepts only its one key pair, so the access key cannot). Requests without a token
 * are the runtime's own (the deployer's, as CloudFormation on AWS) and are not evaluated.
 */
const prefix = 'TowerLocalRole.';

export const sessionTokenFor = (roleArn: string): string =>
  `${prefix}${Buffer.from(roleArn, 'utf8').toString('base64url')}`;

/**
 * The session token a request carries: its `X-Amz-Security-Token` header, or the query parameter of
 * that name a presigned URL carries (which then acts with the signer's permissions, as on AWS).
 */
export function sessionTokenOf(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  url: string,
): string | undefined {
  const header = headers['x-amz-security-token'];
  if (header !== undefined) return Array.isArray(header) ? header[0] : header;
  return new URL(url, 'http://127.0.0.1').searchParams.get('X-Amz-Security-Token') ?? undefined;
}

/** The role a session token names; undefined without one; an error for a token this runtime did not issue. */
export function roleOfSessionToken(token: string | undefined): string | undefined {
  if (token === undefined || token === '') return undefined;
  if (!token.startsWith(prefix)) throw new Error('The security token included in the request is invalid.');
  return Buffer.from(token.slice(prefix.length), 'base64url').toString('utf8');
}
