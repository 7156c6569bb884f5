import { TextractServiceException } from '@aws-sdk/client-textract';

/** The SDK's error for a call, so a test can check its class, name and HTTP status. */
export async function failureOf(call: Promise<unknown>): Promise<TextractServiceException> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof TextractServiceException))
    throw new Error(`Expected a Textract error, got ${String(error)}`);
  return error;
}
