import type { ApproverEntry } from '../record.ts';
import { hashSecret, newLinkSecret } from '../secrets.ts';

/**
 * The people asked, as approver entries `<prefix>1`, `<prefix>2`, …; with `secrets`, each gets a fresh
 * link secret (kept there for the email) whose hash alone is stored.
 */
export function approverEntries(
  emails: readonly string[],
  prefix: string,
  role: ApproverEntry['role'],
  secrets?: Map<string, string>,
): Record<string, ApproverEntry> {
  return Object.fromEntries(
    emails.map((email, i) => {
      const id = `${prefix}${i + 1}`;
      if (!secrets) return [id, { email, role, secretHashes: [] } satisfies ApproverEntry];
      const secret = newLinkSecret();
      secrets.set(id, secret);
      return [id, { email, role, secretHashes: [hashSecret(secret)] } satisfies ApproverEntry];
    }),
  );
}
