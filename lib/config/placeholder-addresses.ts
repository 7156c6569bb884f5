import type { ProcessConfig, Stage } from './types.ts';

/** The second-level domains RFC 2606 reserves for examples: nobody can verify them in SES, so every send fails. */
const reservedDomains = ['example.com', 'example.net', 'example.org'] as const;

/** Whether an address is at a reserved example domain or one of its subdomains. */
export function isPlaceholderAddress(address: string): boolean {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  return reservedDomains.some((reserved) => domain === reserved || domain.endsWith(`.${reserved}`));
}

/**
 * The `tower config:` lines for example addresses outside `dev`: the sender and every approver must be
 * addresses SES can verify, or every approval email is refused after a silent deploy.
 */
export function placeholderAddressProblems(
  stage: Stage,
  senderAddress: string,
  processes: Readonly<Record<string, ProcessConfig>>,
): string[] {
  if (stage === 'dev') return [];
  const problems: string[] = [];
  const why = `is an example address SES cannot verify; outside the dev stage (stage ${stage}) set`;
  if (isPlaceholderAddress(senderAddress))
    problems.push(
      `tower config: senderAddress ${JSON.stringify(senderAddress)} ${why} -c senderAddress=<a verified sender>`,
    );
  for (const [id, { approval }] of Object.entries(processes))
    for (const field of ['approvers', 'escalationApprovers'] as const) {
      const placeholders = approval[field].filter(isPlaceholderAddress);
      if (placeholders.length > 0)
        problems.push(
          `tower config: processes.${id}.approval.${field} ${JSON.stringify(placeholders)} ${why} -c 'processes={"${id}":{"approval":{"${field}":[...]}}}'`,
        );
    }
  return problems;
}
