import { isPlaceholderAddress } from '../../../lib/config/placeholder-addresses.ts';
import type { Answer } from '../answers.ts';
import { errorKind } from '../aws-errors.ts';
import type { Finding } from '../findings.ts';
import { approversOf } from '../plan.ts';
import { attempt, type CheckContext, unreadable } from './context.ts';

// Senders must be verified identities; in the sandbox, recipients too.
const verifyDocs = 'https://docs.aws.amazon.com/ses/latest/dg/verify-addresses-and-domains.html';
// An identity's default configuration set applies to every send from it (and SES authorizes the send on it).
const configurationSetDocs = 'https://docs.aws.amazon.com/ses/latest/dg/managing-configuration-sets.html';

type Identity = Answer<'sesv2:GetEmailIdentity'> & { readonly name: string };
type Lookup = { readonly found: Identity | undefined } | { readonly error: unknown };

/** The identity SES sends an address under: the address itself if it is an identity, else its domain. */
async function identityOf({ reader }: CheckContext, address: string): Promise<Lookup> {
  const domain = address.slice(address.lastIndexOf('@') + 1);
  for (const name of [address, domain]) {
    const read = await attempt(() => reader.read('sesv2:GetEmailIdentity', { EmailIdentity: name }));
    if (read.ok) return { found: { ...read.value, name } };
    if (errorKind(read.error) !== 'not-found') return { error: read.error };
  }
  return { found: undefined };
}

const verified = (identity: Identity | undefined) => identity?.VerifiedForSendingStatus === true;
const shown = (identity: Identity) =>
  `${identity.name} (${identity.IdentityType ?? 'identity'}, ${identity.VerificationStatus ?? 'status unknown'})`;

async function senderFindings(context: CheckContext): Promise<Finding[]> {
  const check = 'SES sender';
  const { senderAddress } = context.plan.config;
  const lookup = await identityOf(context, senderAddress);
  if ('error' in lookup) return [unreadable(check, 'sesv2:GetEmailIdentity', lookup.error)];
  const identity = lookup.found;
  const placeholder = isPlaceholderAddress(senderAddress)
    ? '; an example domain cannot be verified: set -c senderAddress=<your address>'
    : '';
  if (!identity || !verified(identity))
    return [
      {
        check,
        level: 'fail',
        summary: identity
          ? `the sender ${senderAddress} is under ${shown(identity)}, not verified for sending: SES refuses every approval email`
          : `neither ${senderAddress} nor its domain is an SES identity in ${context.region}: SES refuses every approval email`,
        fix: `verify ${senderAddress} or its domain in SES in ${context.region} (aws sesv2 create-email-identity --email-identity ${senderAddress}, then follow the link sent to it)${placeholder}`,
        docs: verifyDocs,
      },
    ];
  const findings: Finding[] = [
    { check, level: 'ok', summary: `${senderAddress} sends under ${shown(identity)}, verified` },
  ];
  const set = identity.ConfigurationSetName;
  if (set === undefined) return findings;
  const setCheck = 'SES configuration set';
  if (!context.plan.sendsThroughConfigurationSets) {
    findings.push({
      check: setCheck,
      level: 'fail',
      summary: `${identity.name} has the default configuration set ${set}; SES authorizes ses:SendEmail on it too, and the stack grants none on configuration sets`,
      fix: "grant ses:SendEmail on the configuration set's ARN to the mail senders (lambdas/platform/mail/uses.ts)",
      docs: configurationSetDocs,
    });
    return findings;
  }
  const read = await attempt(() =>
    context.reader.read('sesv2:GetConfigurationSet', { ConfigurationSetName: set }),
  );
  if (!read.ok) findings.push(unreadable(setCheck, 'sesv2:GetConfigurationSet', read.error));
  else if (read.value.SendingOptions?.SendingEnabled === false)
    findings.push({
      check: setCheck,
      level: 'fail',
      summary: `sending is paused on ${set}, the default configuration set of ${identity.name}: SES refuses every approval email`,
      fix: `resume it (aws sesv2 put-configuration-set-sending-options --configuration-set-name ${set} --sending-enabled) or remove it from ${identity.name}`,
      docs: configurationSetDocs,
    });
  else
    findings.push({
      check: setCheck,
      level: 'ok',
      summary: `${identity.name} sends through its default configuration set ${set}; the stack grants ses:SendEmail on configuration sets`,
    });
  return findings;
}

async function recipientFindings(context: CheckContext): Promise<Finding[]> {
  const check = 'SES recipients';
  const account = await attempt(() => context.reader.read('sesv2:GetAccount', {}));
  if (!account.ok) return [unreadable(check, 'sesv2:GetAccount', account.error)];
  if (account.value.ProductionAccessEnabled === true)
    return [{ check, level: 'ok', summary: 'production access: approvers need no verification' }];
  const approvers = approversOf(context.plan.config);
  const granted = context.plan.config.sesRecipientIdentities;
  const unverified: string[] = [];
  const ungranted: string[] = [];
  for (const approver of approvers) {
    const lookup = await identityOf(context, approver);
    if ('error' in lookup) return [unreadable(check, 'sesv2:GetEmailIdentity', lookup.error)];
    if (!verified(lookup.found)) unverified.push(approver);
    const domain = approver.slice(approver.lastIndexOf('@') + 1);
    if (context.plan.config.sesSandbox && !granted.includes(approver) && !granted.includes(domain))
      ungranted.push(approver);
  }
  const findings: Finding[] = [];
  if (unverified.length > 0)
    findings.push({
      check,
      level: 'fail',
      summary: `in the sandbox SES sends only to verified identities; not verified in ${context.region}: ${unverified.join(', ')}`,
      fix: `verify each (aws sesv2 create-email-identity --email-identity <address>), or request production access${unverified.some(isPlaceholderAddress) ? '; example addresses cannot be verified: set processes.<id>.approval.approvers' : ''}`,
      docs: verifyDocs,
    });
  if (ungranted.length > 0)
    findings.push({
      check,
      level: 'fail',
      summary: `the stack grants ses:SendEmail on the recipients of -c sesRecipientIdentities only; not among them: ${ungranted.join(', ')}`,
      fix: 'add them (or their domains) to -c sesRecipientIdentities, or leave it unset to grant every approver',
    });
  if (findings.length === 0)
    findings.push({
      check,
      level: 'ok',
      summary: `in the sandbox: every approver is verified and granted (${approvers.join(', ')})`,
    });
  return findings;
}

/** The sender's identity (verified, its default configuration set) and, in the sandbox, every approver's. */
export async function sesIdentities(context: CheckContext): Promise<Finding[]> {
  return [...(await senderFindings(context)), ...(await recipientFindings(context))];
}
