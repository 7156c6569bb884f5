import { SQSClient } from '@aws-sdk/client-sqs';

/** Created once per module with default configuration: AWS_ENDPOINT_URL_SQS points it anywhere. */
export const sqs = new SQSClient({});
