import { S3Client } from '@aws-sdk/client-s3';

/** Created once per module with default configuration: AWS_ENDPOINT_URL_S3 points it anywhere. */
export const s3 = new S3Client({});
