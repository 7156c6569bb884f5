import { TextractClient } from '@aws-sdk/client-textract';

/** Created once per module with default configuration: AWS_ENDPOINT_URL_TEXTRACT points it anywhere. */
export const textract = new TextractClient({});
