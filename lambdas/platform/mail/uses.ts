import type { Deployed } from '../capability/deployed.ts';
import type { Use } from '../capability/use.ts';
import { envVars } from '../registry/names.ts';

/**
 * The SES identities `ses:SendEmail` is authorised on: the sender's address and domain, and in the
 * sandbox each recipient's identity too.
 */
export function sendingIdentityArns(deployed: Deployed): string[] {
  const { senderAddress, sesSandbox, sesRecipientIdentities } = deployed.config;
  const [domain] = senderAddress.split('@').slice(-1);
  const identities = new Set([
    senderAddress,
    domain ?? senderAddress,
    ...(sesSandbox ? sesRecipientIdentities : []),
  ]);
  return [...identities].map((identity) => deployed.arn('ses', 'identity', identity));
}

/** Sends email through SES (env SENDER_ADDRESS). */
const send = (): Use => ({
  capability: 'mail',
  kind: 'send',
  summary: 'sends email',
  grants: (deployed) => ({
    statements: [{ actions: ['ses:SendEmail'], resources: sendingIdentityArns(deployed) }],
  }),
  environment: (deployed) => ({ [envVars.sender]: deployed.config.senderAddress }),
});

/** Email through Amazon SES. */
export const mail = { send };
