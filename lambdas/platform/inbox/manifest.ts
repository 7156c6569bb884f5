import { capability } from '../capability/manifest.ts';
import { inboxTable } from './table.ts';

/**
 * The inbox: every human task a signed-in person may act on, across processes, with claims, delegation
 * and batch decisions. Its index table is created here; its routes are served by the human step's
 * approval function (inbox/routes.ts), which the human step's API builds on AWS and locally.
 */
export const inbox = capability({
  name: 'inbox',
  summary:
    'One list of human tasks per person across processes: claim, release, reassign, delegate, batch decisions',
  tables: [inboxTable],
});
