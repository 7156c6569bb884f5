/** The HTTP status an AWS SDK v3 error carries (`$metadata.httpStatusCode`), e.g. 412 for a refused conditional write. */
export function httpStatusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}
