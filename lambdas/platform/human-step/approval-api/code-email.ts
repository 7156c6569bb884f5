import type { Email } from '../../mail/mailer.ts';
import { htmlText, wrapAnywhereCss } from '../../shared/html.ts';
import { visibleText } from '../../shared/visible-text.ts';
import type { HumanStepRequest } from '../request.ts';

/** The step-up email: the code alone, no link, so it confirms the mailbox owner is deciding. */
export function codeEmail(to: string, request: HumanStepRequest, code: string): Email {
  const about = visibleText(request.title);
  const text = `Your one-time code to confirm your decision on ${about} is:\n\n${code}\n\nIt is valid for 10 minutes. If you did not ask for it, ignore this email.`;
  const html = `<!doctype html><html><body style="font-family:sans-serif;${wrapAnywhereCss}"><p>Your one-time code to confirm your decision on ${htmlText(request.title)} is:</p><p style="font-size:28px;letter-spacing:4px"><b>${code}</b></p><p>It is valid for 10 minutes. If you did not ask for it, ignore this email.</p></body></html>`;
  return { to, subject: `Your approval code: ${code}`, text, html };
}
