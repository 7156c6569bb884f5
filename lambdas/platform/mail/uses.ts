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

/**
 * The configuration sets `ses:SendEmail` is authorised on: any in the stack's account and region, since
 * SES applies an identity's default configuration set (chosen on the identity, outside this stack, and
 * changeable without a redeploy) and then authorises the send on that set's ARN too.
 */
export const configurationSetArns = (deployed: Deployed): string[] => [
  deployed.arn('ses', 'configuration-set', '*'),
];

/** Sends email through SES (env SENDER_ADDRESS). */
const send = (): Use => ({
  capability: 'mail',
  kind: 'send',
  summary: 'sends email',
  grants: (deployed) => ({
    statements: [
      { actions: ['ses:SendEmail'], resources: sendingIdentityArns(deployed) },
      {
        actions: ['ses:SendEmail'],
        resources: configurationSetArns(deployed),
        wildcardReason:
          "SES authorises a send on the sender identity's default configuration set too, which is chosen on the identity outside this stack",
      },
    ],
  }),
  environment: (deployed) => ({ [envVars.sender]: deployed.config.senderAddress }),
});

/** Email through Amazon SES. */
export const mail = { send };
