import { formatAmount } from '../human-step/format.ts';
import type { ApprovalSummary } from '../human-step/record.ts';
import { escapeHtml } from '../shared/html.ts';
import type { Email } from '../shared/mailer.ts';

export type ApprovalEmailKind = 'request' | 'reminder' | 'escalation';

const intro: Record<ApprovalEmailKind, (deadline: string) => string> = {
  request: (d) => `An invoice needs your approval before ${d}.`,
  reminder: (d) => `Reminder: this invoice still needs your decision. The approval closes at ${d}.`,
  escalation: (d) => `This approval passed its deadline and was escalated to you. It closes at ${d}.`,
};

/** The approval email: a summary and one link, the only call to action. */
export function approvalEmail(
  kind: ApprovalEmailKind,
  to: string,
  summary: ApprovalSummary,
  link: string,
  deadlineAt: string,
): Email {
  const amount = formatAmount(summary.total, summary.currency);
  const title = `invoice ${summary.invoiceNumber ?? '(no number)'} from ${summary.vendor ?? 'an unknown vendor'}`;
  const subject = `${kind === 'request' ? 'Approval needed' : kind === 'reminder' ? 'Reminder' : 'Escalated'}: ${title} (${amount})`;
  const deadline = `${deadlineAt.replace('T', ' ').slice(0, 16)} UTC`;
  const lines = [
    intro[kind](deadline),
    '',
    `Vendor: ${summary.vendor ?? '—'}`,
    `Invoice: ${summary.invoiceNumber ?? '—'}`,
    `Amount: ${amount}`,
    `Due: ${summary.dueDate ?? '—'}`,
    `Risk: ${summary.riskBand}`,
    `Why you are asked: ${summary.reasons.join('; ') || '—'}`,
    '',
    'Open the approval page (opening it decides nothing):',
    link,
    '',
    'This link is personal to you. Do not forward it.',
  ];
  const html = `<!doctype html><html><body style="font-family:sans-serif;max-width:560px">
<p>${escapeHtml(intro[kind](deadline))}</p>
<table cellpadding="4">
<tr><td>Vendor</td><td><b>${escapeHtml(summary.vendor ?? '—')}</b></td></tr>
<tr><td>Invoice</td><td>${escapeHtml(summary.invoiceNumber ?? '—')}</td></tr>
<tr><td>Amount</td><td><b>${escapeHtml(amount)}</b></td></tr>
<tr><td>Due</td><td>${escapeHtml(summary.dueDate ?? '—')}</td></tr>
<tr><td>Risk</td><td>${escapeHtml(summary.riskBand)}</td></tr>
</table>
<p>Why you are asked: ${escapeHtml(summary.reasons.join('; ') || '—')}</p>
<p><a href="${escapeHtml(link)}" style="display:inline-block;padding:10px 16px;background:#1f4fd1;color:#fff;text-decoration:none;border-radius:4px">Review the invoice</a></p>
<p style="color:#555;font-size:13px">Opening the page decides nothing. This link is personal to you; do not forward it.</p>
</body></html>`;
  return { to, subject, text: lines.join('\n'), html };
}
