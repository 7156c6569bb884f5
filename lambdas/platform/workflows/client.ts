import { SFNClient } from '@aws-sdk/client-sfn';

/** Created once per module with default configuration: AWS_ENDPOINT_URL_SFN points it anywhere. */
export const sfn = new SFNClient({});
