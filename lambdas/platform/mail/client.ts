import { SESv2Client } from '@aws-sdk/client-sesv2';

/** Created once per module with default configuration: AWS_ENDPOINT_URL_SESV2 points it anywhere. */
export const ses = new SESv2Client({});
