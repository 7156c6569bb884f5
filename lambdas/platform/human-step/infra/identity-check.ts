import { Annotations } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { ApprovalPolicy } from '../policy.ts';

/** The id of the synth warning a `link` policy raises (acknowledge it with `cdk synth --ignore-warnings` at your risk). */
export const linkIdentityWarning = 'tower:approval-identity-link';

/**
 * Checks each process's human-step identity at synth: `link` (possession of the emailed link decides) is
 * an opt-in that warns; `oidc` is refused until it exists.
 */
export function checkApprovalIdentity(
  scope: Construct,
  policies: Readonly<Record<string, Pick<ApprovalPolicy, 'identity'>>>,
): void {
  for (const [id, policy] of Object.entries(policies)) {
    if (policy.identity === 'oidc')
      throw new Error(
        `processes.${id}.approval.identity "oidc" is not yet available: use "passkey" (the default) or "code"`,
      );
    if (policy.identity === 'link')
      Annotations.of(scope).addWarningV2(
        linkIdentityWarning,
        `processes.${id}.approval.identity is "link": whoever holds an approval email's link (a forwarded email, a mail scanner that submits forms) can decide. Use "passkey" or "code" unless this is a demo.`,
      );
  }
}
