import type { Settlement, VoteResult } from '../lifecycle/index.ts';
import type { PageResponse } from './layout.ts';
import { endedPage, pages } from './pages.ts';

/** The approval API's audit identity for what it does on its own (delivering a decision). */
export const apiActor = { kind: 'system', id: 'approval-api' } as const;

/**
 * The page after a vote, from what the lifecycle made of it: `decision` is the voter's own choice, `title`
 * what the link named.
 */
export function settlementPage(
  result: VoteResult | Settlement,
  decision: 'approve' | 'reject',
  title: string,
): PageResponse {
  switch (result.kind) {
    case 'pending':
      return pages.voteRecorded(decision, result.remaining, title);
    case 'already-voted':
      return pages.alreadyVoted(result.vote.decision, result.vote.at, result.record.request.title);
    case 'ended':
      return endedPage(result.record);
    case 'unknown':
      return pages.invalidLink();
    case 'delivered':
      return pages.applied(result.decision, title);
    case 'not-applied':
      return pages.notApplied(title);
    case 'awaiting-wait':
      return pages.recordedPending(result.decision, title);
  }
}
