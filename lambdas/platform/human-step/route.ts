/**
 * The approval link's one route, `GET|HEAD|POST /a/{approvalId}/{secret}`: the API Gateway resource
 * the CDK app builds, the local API gateway serves and the emailed links point at. The link names the
 * task and the person's secret, nothing else.
 */
const prefix = 'a';
const pathParts = [prefix, '{approvalId}', '{secret}'] as const;

export const approvalRoute = {
  /** The resource's path parts under the API's root, in order. */
  pathParts,
  /** API Gateway's resource path (`$context.resourcePath`, the template: no secret in it). */
  resource: `/${pathParts.join('/')}`,
  /** GET and HEAD only render (mail scanners open links); POST decides. */
  methods: ['GET', 'HEAD', 'POST'],
  /** The path parameters the approval function reads. */
  parameters: ['approvalId', 'secret'],
} as const;

/**
 * The link a person clicks, under the approval API's base URL.
 *
 * @example
 * approvalLink('https://approvals.example.com/', 'abc', 's3cr3t') // 'https://approvals.example.com/a/abc/s3cr3t'
 */
export function approvalLink(baseUrl: string, approvalId: string, secret: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${prefix}/${approvalId}/${secret}`;
}
