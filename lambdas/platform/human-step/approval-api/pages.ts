import { escapeHtml as attr, escapeText as label, htmlText as text } from '../../shared/html.ts';
import { stateOf } from '../lifecycle/index.ts';
import type { ApprovalRecord } from '../record.ts';
import type { HumanStepChoice, HumanStepRequest } from '../request.ts';
import { factRow } from './fact-rows.ts';
import { type PageAside, type PageResponse, page } from './layout.ts';

/** What the identity method adds to a decision form: hidden fields, form attributes, a block after it, its script. */
export interface FormExtras {
  readonly fields: string;
  readonly attributes?: string;
  readonly after?: string;
  readonly scriptHash?: string;
}

/** What is being decided, as the process worded it: its facts, risk, reasons and notes. */
function summaryCard(r: HumanStepRequest): string {
  const list = (items: readonly string[]) =>
    items.length > 0
      ? `<ul>${items.map((i) => `<li>${text(i)}</li>`).join('')}</ul>`
      : '<p class="note">—</p>';
  const risk = r.risk
    ? `<dt>Risk</dt><dd class="band-${attr(r.risk.level)}">${text(r.risk.level)}${r.risk.score === undefined ? '' : ` (${r.risk.score.toFixed(2)})`}${r.risk.note ? ` · ${text(r.risk.note)}` : ''}</dd>`
    : '';
  const facts = r.facts.map(factRow).join('\n');
  const notes = r.notes?.length
    ? `\n<section class="card"><b>Noticed while reading</b>${list(r.notes)}</section>`
    : '';
  return `<section class="card"><dl>
${facts}
${risk}
</dl></section>
<section class="card"><b>Why you are asked</b>${list(r.reasons)}</section>${notes}${
    r.risk ? `\n<section class="card"><b>Risk rationale</b>${list(r.risk.rationale)}</section>` : ''
  }`;
}

const message = (note?: string) => (note ? `<p class="msg" role="alert">${text(note)}</p>` : '');
const hidden = (name: string, value: string) =>
  `<input type="hidden" name="${attr(name)}" value="${attr(value)}">`;

/** The first page: what is being decided, and a button per choice that only leads to a confirmation. */
export function choosePage(
  record: Pick<ApprovalRecord, 'request' | 'choices'>,
  nonce: string,
  options: {
    note?: string;
    approveAllowed: boolean;
    document?: PageAside;
    form?: string;
    extras?: FormExtras;
  },
): PageResponse {
  const x = options.extras;
  const buttons = record.choices
    .filter((c) => c.effect === 'reject' || options.approveAllowed)
    .map(
      (c) =>
        `<button class="${c.effect}" type="submit" name="decision" value="${attr(c.id)}">${label(c.label)}…</button>`,
    )
    .join('');
  return page(
    200,
    record.request.title,
    `${message(options.note)}${summaryCard(record.request)}
<form method="post" class="card"${options.form ? ' novalidate' : ''}>${hidden('nonce', nonce)}${hidden('step', 'choose')}${x?.fields ?? ''}
${options.form ?? ''}<label for="comment">Comment (optional)</label><textarea id="comment" name="comment" rows="3" maxlength="1000"></textarea>
<div class="actions">${buttons}</div>
<p class="note">Nothing is decided until you confirm on the next page.</p></form>${x?.after ?? ''}`,
    options.document,
    x?.scriptHash,
  );
}

/** The second page: the explicit confirmation, with the one-time code field when step-up applies. */
export function confirmPage(
  record: Pick<ApprovalRecord, 'request'>,
  choice: HumanStepChoice,
  nonce: string,
  comment: string,
  options: {
    stepUp: boolean;
    note?: string;
    document?: PageAside;
    form?: { summary: string; hidden: string };
    extras?: FormExtras;
  },
): PageResponse {
  const x = options.extras;
  const code = options.stepUp
    ? `<label for="code">One-time code (sent to you by email)</label><input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="6">`
    : '';
  return page(
    200,
    `Confirm: ${choice.label.toLowerCase()}?`,
    `${message(options.note)}${summaryCard(record.request)}${options.form?.summary ?? ''}
<form method="post" class="card"${x?.attributes ?? ''}>${hidden('nonce', nonce)}${hidden('step', 'confirm')}${hidden('decision', choice.id)}${options.form?.hidden ?? ''}${x?.fields ?? ''}
<label for="comment">Comment (optional)</label><textarea id="comment" name="comment" rows="3" maxlength="1000">${attr(comment)}</textarea>
${code}<div class="actions"><button class="${choice.effect}" type="submit" name="confirm" value="yes">Confirm: ${label(choice.label)}</button></div></form>${x?.after ?? ''}`,
    options.document,
    x?.scriptHash,
  );
}

/** What the clicker learns after a decision or a vote, naming the item when the link was valid. */
export function outcomePage(title: string, body: string, statusCode = 200, item?: string): PageResponse {
  const named = item ? `<p class="item">${text(item)}</p>` : '';
  return page(statusCode, title, `<section class="card">${named}<p>${text(body)}</p></section>`);
}

/** The pages after a link was opened; `item` is the request's title, so a page names what was decided. */
export const pages = {
  invalidLink: () =>
    outcomePage(
      'Link not valid',
      'This link is not valid. Use the most recent email you received, or ask the sender for a new link.',
      404,
    ),
  decided: (decision: string, by: readonly string[], at: string, item?: string) =>
    outcomePage(
      'Already decided',
      `This was already ${decision.toLowerCase()} by ${by.join(', ') || 'the approvers'} at ${at.replace('T', ' ').slice(0, 19)} UTC. Nothing more is needed.`,
      200,
      item,
    ),
  expired: (item?: string) =>
    outcomePage(
      'Approval expired',
      'This passed its deadline and was closed; no decision can be made on it any more.',
      410,
      item,
    ),
  withdrawn: (item?: string) =>
    outcomePage(
      'Approval withdrawn',
      'This was withdrawn (the document was cancelled); no decision can be made on it any more.',
      410,
      item,
    ),
  alreadyVoted: (decision: string, at: string, item?: string) =>
    outcomePage(
      'Already recorded',
      `You already chose to ${decision} at ${at.replace('T', ' ').slice(0, 19)} UTC. Waiting for the other approvers.`,
      200,
      item,
    ),
  voteRecorded: (decision: string, remaining: number, item?: string) =>
    outcomePage(
      'Recorded',
      `Your decision to ${decision} is recorded. ${remaining} more approval${remaining === 1 ? ' is' : 's are'} needed.`,
      200,
      item,
    ),
  applied: (decision: 'approved' | 'rejected', item?: string) =>
    outcomePage(
      decision === 'approved' ? 'Approved' : 'Rejected',
      `It is ${decision}. Thank you; the workflow continues.`,
      200,
      item,
    ),
  recordedPending: (decision: 'approved' | 'rejected', item?: string) =>
    outcomePage(
      'Recorded',
      `Your decision is recorded: it is ${decision}. The workflow will apply it within moments.`,
      200,
      item,
    ),
  notApplied: (item?: string) =>
    outcomePage(
      'Not applied',
      'It was withdrawn before your decision reached it, so your decision was recorded but not applied.',
      409,
      item,
    ),
  submitter: (item?: string) =>
    outcomePage(
      'Not allowed',
      'You submitted this document, so you cannot approve it. Another approver must decide.',
      403,
      item,
    ),
  locked: (item?: string) =>
    outcomePage(
      'Too many attempts',
      'Too many wrong codes were entered. Ask another approver to decide.',
      429,
      item,
    ),
  badRequest: () =>
    outcomePage('Something is missing', 'The form was incomplete. Open the link from your email again.', 400),
  unavailable: () =>
    outcomePage('Try again', 'The service is busy. Nothing was decided; please try again in a minute.', 503),
};

/** The page for an approval that is no longer pending. */
export function endedPage(record: ApprovalRecord): PageResponse {
  const item = record.request.title;
  const state = stateOf(record);
  if (state === 'expired') return pages.expired(item);
  if (state === 'cancelled') return pages.withdrawn(item);
  return pages.decided(record.status, record.decidedBy ?? [], record.decidedAt ?? '', item);
}
