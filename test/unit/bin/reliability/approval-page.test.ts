import { describe, expect, it } from 'vitest';
import { claimsApproved } from '../../../../bin/reliability/approval-page.ts';
import { pages } from '../../../../lambdas/platform/human-step/approval-api/pages.ts';

// Scenario 7 checks every page that claims an approval took effect against the recorded votes; the
// check is only as good as its reading of the approval API's pages.
describe('claimsApproved', () => {
  const page = (html: string) => ({ status: 200, html });

  it('reads each page that tells the clicker their approval took effect', () => {
    expect(claimsApproved(page(pages.applied('approved').body))).toBe(true);
    expect(claimsApproved(page(pages.recordedPending('approved').body))).toBe(true);
    expect(claimsApproved(page(pages.voteRecorded('approve', 1).body))).toBe(true);
  });

  it('does not read a rejection, an earlier vote or a refusal as one', () => {
    for (const response of [
      pages.applied('rejected'),
      pages.recordedPending('rejected'),
      pages.voteRecorded('reject', 1),
      pages.alreadyVoted('approve', '2025-03-01T10:00:00.000Z'),
      pages.notApplied(),
      pages.submitter(),
      pages.invalidLink(),
    ])
      expect(claimsApproved(page(response.body))).toBe(false);
  });
});
