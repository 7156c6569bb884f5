import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../../../lambdas/platform/human-step/approval-api/layout.ts';
import { choosePage, confirmPage } from '../../../../../lambdas/platform/human-step/approval-api/pages.ts';
import { approvalEmail } from '../../../../../lambdas/platform/human-step/request-approval/emails.ts';
import { approvalRecord, humanRequest } from '../../shared/support/builders.ts';

// Values an attacker who sends invoices controls: a right-to-left override reverses an invoice number
// ("INV-\u202E1234" shows as "INV-4321"), a terminal escape, and a 256-character vendor with no space.
const reversed = 'INV-\u202E1234';
const longVendor = 'V'.repeat(256);
const request = humanRequest({
  title: `Invoice ${reversed} from ${longVendor} (EUR 12,138.00)`,
  facts: [
    { label: 'Vendor', value: longVendor },
    { label: 'Invoice', value: reversed },
    { label: 'Note\u001B[31m', value: 'paid\u2066 twice' },
  ],
  reasons: ['bank account \u202Ewen'],
});
/** The bidi and control characters left raw in a text. */
const raw = (text: string) =>
  [...text].filter((c) => '\u202A\u202B\u202C\u202D\u202E\u2066\u2069\u001B'.includes(c));
const link =
  'https://approvals.example.com/a/AbCdEfGhIjKlMnOpQrStUv/secret_0123456789-abcdefghijklmnopqrstuvwxyz';

describe('the approval pages with hostile values', () => {
  const choose = choosePage(approvalRecord({ request }), 'n', { approveAllowed: true }).body;
  const confirm = confirmPage(
    approvalRecord({ request }),
    { id: 'approve', label: 'Approve\u202E', effect: 'approve' },
    'n',
    '',
    { stepUp: false },
  ).body;

  it.each([
    ['choose', choose],
    ['confirm', confirm],
  ])('the %s page shows every bidi and control character escaped, each value isolated', (_page, body) => {
    expect(raw(body)).toEqual([]);
    expect(body).toContain('<dd><bdi>INV-\\u202E1234</bdi></dd>');
    expect(body).toContain('<dt><bdi>Note\\x1B[31m</bdi></dt><dd><bdi>paid\\u2066 twice</bdi></dd>');
    expect(body).toContain('<li><bdi>bank account \\u202Ewen</bdi></li>');
  });

  it('titles the page with the escaped title, in <title> (text only) and <h1> (isolated)', () => {
    expect(choose).toContain(
      `<title>Invoice INV-\\u202E1234 from ${longVendor} (EUR 12,138.00) · Tower</title>`,
    );
    expect(choose).toContain(
      `<h1><bdi>Invoice INV-\\u202E1234 from ${longVendor} (EUR 12,138.00)</bdi></h1>`,
    );
    expect(confirm).toContain('<h1><bdi>Confirm: approve\\u202E?</bdi></h1>');
  });

  it('lets long values wrap anywhere, and isolates <bdi>, in the one style the CSP allows', () => {
    const style = /<style>([\s\S]*?)<\/style>/.exec(choose)?.[1] ?? '';
    expect(style).toContain('body{overflow-wrap:anywhere}');
    expect(style).toContain('bdi{unicode-bidi:isolate}');
    expect(contentSecurityPolicy).toMatch(/style-src 'sha256-/);
  });
});

describe('the approval email with hostile values', () => {
  const email = approvalEmail('request', 'ann@example.com', request, link, '2025-03-04T08:00:02.000Z');

  it('shows bidi and control characters escaped in the subject and the text part', () => {
    expect(email.subject).toBe(`Decision needed: Invoice INV-\\u202E1234 from ${longVendor} (EUR 12,138.00)`);
    expect(raw(email.text)).toEqual([]);
    expect(email.text).toContain('Invoice: INV-\\u202E1234');
    expect(email.text).toContain('Why you are asked: bank account \\u202Ewen');
  });

  it('isolates each value in the HTML part and lets long values wrap', () => {
    expect(raw(email.html)).toEqual([]);
    expect(email.html).toContain('<td><b><bdi>INV-\\u202E1234</bdi></b></td>');
    expect(email.html).toMatch(/<body style="[^"]*overflow-wrap:anywhere/);
  });
});
