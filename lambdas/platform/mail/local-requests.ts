import {
  type EndpointRequest,
  jsonBody,
  type MappingScope,
  type RequiredCall,
} from '../../../local/iam/requests.ts';

/** An address's SES identities: the address itself, then its domain's (either one authorises a send). */
const identityArns = (address: string, scope: MappingScope) => {
  const bare = address.replace(/^.*<([^>]+)>.*$/, '$1').trim();
  const domain = bare.split('@')[1];
  const arn = (identity: string) => `arn:aws:ses:${scope.region}:${scope.account}:identity/${identity}`;
  return domain ? [arn(bare), arn(domain)] : [arn(bare)];
};

/** What SES authorises for a send: the sender's identity and, in the sandbox, every recipient's. */
export function sesCalls(request: EndpointRequest, scope: MappingScope): RequiredCall[] {
  const path = new URL(request.url, 'http://local').pathname;
  if (request.method.toUpperCase() !== 'POST' || !path.endsWith('/outbound-emails')) return [];
  const body = jsonBody(request);
  const from = typeof body.FromEmailAddress === 'string' ? body.FromEmailAddress : '';
  const destination = (body.Destination ?? {}) as Record<string, string[] | undefined>;
  const recipients = [
    ...(destination.ToAddresses ?? []),
    ...(destination.CcAddresses ?? []),
    ...(destination.BccAddresses ?? []),
  ];
  const call = (address: string): RequiredCall => {
    const [first = '', ...others] = identityArns(address, scope);
    return { action: 'ses:SendEmail', resource: first, anyOf: [first, ...others] };
  };
  // In the SES sandbox, SES also authorises the send against every recipient's identity (SES Developer
  // Guide, "Request production access (Moving out of the Amazon SES sandbox)").
  return [call(from), ...(scope.sesSandbox ? recipients.map(call) : [])];
}
