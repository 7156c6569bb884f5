import type { Email } from '../../mail/mailer.ts';
import { escapeHtml, htmlText, wrapAnywhereCss } from '../../shared/html.ts';
import { visibleText } from '../../shared/visible-text.ts';
import type { HumanStepRequest } from '../request.ts';

export type ApprovalEmailKind = 'request' | 'reminder' | 'escalation';

const intro: Record<ApprovalEmailKind, (deadline: string) => string> = {
  request: (d) => `This needs your decision before ${d}.`,
  reminder: (d) => `Reminder: this still needs your decision. It closes at ${d}.`,
  escalation: (d) => `This passed its deadline and was escalated to you. It closes at ${d}.`,
};

/** How each email's subject starts, before the process's title: tools find request emails by it. */
export const subjectPrefix: Readonly<Record<ApprovalEmailKind, string>> = {
  request: 'Decision needed',
  reminder: 'Reminder',
  escalation: 'Escalated',
};

/** The human step's email: the process's title, facts and reasons, and one link, the only call to action. */
export function approvalEmail(
  kind: ApprovalEmailKind,
  to: string,
  request: HumanStepRequest,
  link: string,
  deadlineAt: string,
): Email {
  const deadline = `${deadlineAt.replace('T', ' ').slice(0, 16)} UTC`;
  const risk = request.risk ? [{ label: 'Risk', value: request.risk.level }] : [];
  // A derived value says so, so nobody takes it for one read from the document.
  const facts = [...request.facts, ...risk].map((f) => ({
    label: f.label,
    value: 'derived' in f && f.derived ? `${f.value} (derived: ${f.derived})` : f.value,
  }));
  const reasons = request.reasons.join('; ') || '—';
  // The text part cannot isolate bidi text as <bdi> does: its control and bidi marks are shown escaped.
  const lines = [
    intro[kind](deadline),
    '',
    visibleText(request.title),
    ...facts.map((f) => visibleText(`${f.label}: ${f.value}`)),
    visibleText(`Why you are asked: ${reasons}`),
    '',
    'Open the page (opening it decides nothing):',
    link,
    '',
    'This link is personal to you. Do not forward it.',
  ];
  const rows = facts
    .map((f) => `<tr><td>${htmlText(f.label)}</td><td><b>${htmlText(f.value)}</b></td></tr>`)
    .join('\n');
  const html = `<!doctype html><html><body style="font-family:sans-serif;max-width:560px;${wrapAnywhereCss}">
<p>${escapeHtml(intro[kind](deadline))}</p>
<h2 style="font-size:17px">${htmlText(request.title)}</h2>
<table cellpadding="4" style="table-layout:fixed;width:100%">
${rows}
</table>
<p>Why you are asked: ${htmlText(reasons)}</p>
<p><a href="${escapeHtml(link)}" style="display:inline-block;padding:10px 16px;background:#1f4fd1;color:#fff;text-decoration:none;border-radius:4px">Review and decide</a></p>
<p style="color:#555;font-size:13px">Opening the page decides nothing. This link is personal to you; do not forward it.</p>
</body></html>`;
  return {
    to,
    subject: `${subjectPrefix[kind]}: ${visibleText(request.title)}`,
    text: lines.join('\n'),
    html,
  };
}
