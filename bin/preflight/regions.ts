/**
 * Where Textract and SES have endpoints. The lists follow the endpoint tables of AWS's General Reference
 * (https://docs.aws.amazon.com/general/latest/gr/textract.html, https://docs.aws.amazon.com/general/latest/gr/ses.html),
 * taken from the endpoint data AWS publishes for its SDKs (botocore's data/endpoints.json of 2026-08-07,
 * services `textract` and `email`, which SES v2 shares). A region added since is reported unlisted, and
 * the SES probe (an SDK call whose host does not resolve) settles it for SES.
 */
export const documentedRegions = {
  textract: [
    'ap-northeast-2',
    'ap-south-1',
    'ap-southeast-1',
    'ap-southeast-2',
    'ca-central-1',
    'eu-central-1',
    'eu-south-2',
    'eu-west-1',
    'eu-west-2',
    'eu-west-3',
    'us-east-1',
    'us-east-2',
    'us-west-1',
    'us-west-2',
    'us-gov-east-1',
    'us-gov-west-1',
    'us-iso-east-1',
    'us-isof-east-1',
    'us-isof-south-1',
  ],
  ses: [
    'af-south-1',
    'ap-northeast-1',
    'ap-northeast-2',
    'ap-northeast-3',
    'ap-south-1',
    'ap-south-2',
    'ap-southeast-1',
    'ap-southeast-2',
    'ap-southeast-3',
    'ap-southeast-5',
    'ca-central-1',
    'ca-west-1',
    'eu-central-1',
    'eu-central-2',
    'eu-north-1',
    'eu-south-1',
    'eu-west-1',
    'eu-west-2',
    'eu-west-3',
    'il-central-1',
    'me-central-1',
    'me-south-1',
    'sa-east-1',
    'us-east-1',
    'us-east-2',
    'us-west-1',
    'us-west-2',
    'us-gov-east-1',
    'us-gov-west-1',
    'eusc-de-east-1',
  ],
} as const satisfies Readonly<Record<string, readonly string[]>>;

export type RegionalService = keyof typeof documentedRegions;

export const documentationOf: Readonly<Record<RegionalService, string>> = {
  textract: 'https://docs.aws.amazon.com/general/latest/gr/textract.html',
  ses: 'https://docs.aws.amazon.com/general/latest/gr/ses.html',
};

export function isDocumented(service: RegionalService, region: string): boolean {
  return (documentedRegions[service] as readonly string[]).includes(region);
}

/** A region name as AWS spells them (`eu-west-1`, `us-gov-west-1`, `eusc-de-east-1`). */
export function isRegionName(text: string): boolean {
  return /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/.test(text);
}
