import { describe, expect, it } from 'vitest';
import {
  choosePage,
  confirmPage,
  endedPage,
  outcomePage,
  pages,
} from '../../../../../lambdas/platform/human-step/approval-api/pages.ts';
import type { ApprovalRecord } from '../../../../../lambdas/platform/human-step/record.ts';
import type { HumanStepChoice } from '../../../../../lambdas/platform/human-step/request.ts';
import { approvalRecord, humanRequest } from '../../shared/support/builders.ts';

const shown = (request = humanRequest(), choices?: readonly HumanStepChoice[]): ApprovalRecord =>
  approvalRecord({ request, ...(choices ? { choices } : {}) });

const hostile = shown(
  humanRequest({
    title: '<img src=x onerror=alert(1)>',
    facts: [
      { label: 'Invoice', value: '"><script>steal()</script>' },
      { label: '<s>', value: "'; drop" },
    ],
    risk: { level: 'high', score: 0.81, rationale: ['<iframe src=//evil>'], note: '<u>fallback</u>' },
    reasons: ['total > 10,000 & <u>new</u> bank'],
  }),
  [
    { id: 'approve', label: 'Ship " onmouseover="x', effect: 'approve' },
    { id: 'reject', label: 'Reject', effect: 'reject' },
  ],
);
const approve: HumanStepChoice = { id: 'approve', label: 'Approve', effect: 'approve' };
const reject: HumanStepChoice = { id: 'reject', label: 'Reject', effect: 'reject' };

/** The page without the `<bdi>` isolating each value, to read its text. */
const unwrapped = (html: string) => html.replace(/<\/?bdi>/g, '');

/** Markup an attacker-controlled value would need to act in the page. */
const active = /<img|<script|<iframe|<u>|<s>|onmouseover="|'; drop/;

describe('choosePage', () => {
  it('escapes every value of a hostile request', () => {
    // Act
    const { body } = choosePage(hostile, 'n"once', { approveAllowed: true, note: '<em>note</em>' });

    // Assess
    expect(body).not.toMatch(active);
    expect(body).not.toContain('<em>');
    expect(body).toContain('<bdi>&lt;img src=x onerror=alert(1)&gt;</bdi>');
    expect(body).toContain('<bdi>&quot;&gt;&lt;script&gt;steal()&lt;/script&gt;</bdi>');
    expect(body).toContain('Ship &quot; onmouseover=&quot;x…');
    expect(body).toContain('<bdi>total &gt; 10,000 &amp; &lt;u&gt;new&lt;/u&gt; bank</bdi>');
    expect(body).toContain('<input type="hidden" name="nonce" value="n&quot;once">');
  });

  it('offers Approve and Reject, each leading to a confirmation only', () => {
    // Act
    const { statusCode, body } = choosePage(shown(), 'nonce-1', { approveAllowed: true });

    // Assess
    expect(statusCode).toBe(200);
    expect(body).toContain('value="approve"');
    expect(body).toContain('value="reject"');
    expect(body).toContain('<input type="hidden" name="step" value="choose">');
    expect(body).toContain('Nothing is decided until you confirm');
    expect(body).toContain('<form method="post" class="card">');
  });

  it('has no Approve button for the submitter', () => {
    // Act
    const { body } = choosePage(shown(), 'nonce-1', {
      approveAllowed: false,
      note: 'You submitted this document, so you may only reject it.',
    });

    // Assess
    expect(body).not.toContain('value="approve"');
    expect(body).toContain('value="reject"');
    expect(body).toContain('You submitted this document');
  });

  it("shows what is decided, in the process's words: its facts, risk and reasons", () => {
    const request = humanRequest();
    const risk = {
      level: 'high' as const,
      score: 0.81,
      rationale: ['the bank account is new'],
      note: 'scored by fallback',
    };
    const { body } = choosePage(shown({ ...request, risk }), 'n', { approveAllowed: true });
    for (const text of [
      'Acme Supplies Ltd',
      'INV-0107',
      'EUR 12,138.00',
      '2025-03-22',
      'high (0.81)',
      'scored by fallback',
      'total above 10,000.00',
      'the bank account is new',
    ]) {
      expect(unwrapped(body)).toContain(text);
    }
  });

  it('shows the facts as the process gave them, a dash for no reason, and no risk when it gave none', () => {
    const request = humanRequest({ facts: [{ label: 'Vendor', value: '—' }], reasons: [], risk: null });
    const { body } = choosePage(shown(request), 'n', { approveAllowed: true });
    expect(body).toContain('<dt><bdi>Vendor</bdi></dt><dd><bdi>—</bdi></dd>');
    expect(body).toContain('<p class="note">—</p>');
    expect(body).not.toContain('Risk');
  });

  it("offers the process's own choices, each counting as approve or reject", () => {
    // Prepare
    const choices: HumanStepChoice[] = [
      { id: 'accept', label: 'Accept translation', effect: 'approve' },
      { id: 'revise', label: 'Send back', effect: 'reject' },
    ];

    // Act
    const { body } = choosePage(shown(humanRequest(), choices), 'n', { approveAllowed: true });
    const { body: submitter } = choosePage(shown(humanRequest(), choices), 'n', { approveAllowed: false });

    // Assess
    expect(body).toContain(
      '<button class="approve" type="submit" name="decision" value="accept">Accept translation…</button>',
    );
    expect(body).toContain(
      '<button class="reject" type="submit" name="decision" value="revise">Send back…</button>',
    );
    expect(submitter).not.toContain('value="accept"');
    expect(submitter).toContain('value="revise"');
  });
});

describe('confirmPage', () => {
  it.each([
    [approve, 'Confirm: approve?', 'Confirm: Approve'],
    [reject, 'Confirm: reject?', 'Confirm: Reject'],
  ] as const)('asks to confirm the choice to %s', (choice, title, button) => {
    // Act
    const { body } = confirmPage(shown(), choice, 'nonce-2', '', { stepUp: false });

    // Assess
    expect(body).toContain(`<h1><bdi>${title}</bdi></h1>`);
    expect(body).toContain(button);
    expect(body).toContain(`<input type="hidden" name="decision" value="${choice.id}">`);
    expect(body).toContain('<input type="hidden" name="step" value="confirm">');
  });

  it('escapes the comment and the request', () => {
    // Act
    const { body } = confirmPage(hostile, reject, 'nonce-2', '</textarea><script>alert(1)</script>', {
      stepUp: false,
    });

    // Assess
    expect(body).not.toMatch(active);
    expect(body).toContain('&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;</textarea>');
  });

  it.each([
    [true, true],
    [false, false],
  ])('asks for the one-time code only with step-up (%s)', (stepUp, asked) => {
    const { body } = confirmPage(shown(), approve, 'n', '', { stepUp });
    expect(body.includes('name="code"')).toBe(asked);
  });
});

describe('endedPage', () => {
  it.each([
    ['EXPIRED', 410, 'Approval expired'],
    ['CANCELLED', 410, 'Approval withdrawn'],
    ['APPROVED', 200, 'Already decided'],
    ['REJECTED', 200, 'Already decided'],
  ] as const)('explains an approval that is %s', (status, statusCode, title) => {
    // Act
    const response = endedPage(
      approvalRecord({ status, decidedAt: '2025-03-01T10:15:30.123Z', decidedBy: ['ann@example.com'] }),
    );

    // Assess
    expect(response.statusCode).toBe(statusCode);
    expect(response.body).toContain(`<h1><bdi>${title}</bdi></h1>`);
  });

  it('says who decided and when', () => {
    const { body } = endedPage(
      approvalRecord({
        status: 'REJECTED',
        decidedAt: '2025-03-01T10:15:30.123Z',
        decidedBy: ['ann@example.com', 'bob@example.com'],
      }),
    );
    expect(body).toContain('already rejected by ann@example.com, bob@example.com at 2025-03-01 10:15:30 UTC');
  });
});

describe('pages', () => {
  it.each([
    ['invalidLink', pages.invalidLink(), 404],
    ['expired', pages.expired(), 410],
    ['withdrawn', pages.withdrawn(), 410],
    ['submitter', pages.submitter(), 403],
    ['locked', pages.locked(), 429],
    ['notApplied', pages.notApplied(), 409],
    ['badRequest', pages.badRequest(), 400],
    ['unavailable', pages.unavailable(), 503],
    ['applied', pages.applied('approved'), 200],
  ])('%s answers %i with no script and no form', (_name, response, statusCode) => {
    expect(response.statusCode).toBe(statusCode);
    expect(response.body).not.toMatch(/<script|<form/);
  });

  it.each([
    [1, '1 more approval is needed'],
    [2, '2 more approvals are needed'],
  ])('counts the approvals still needed (%i)', (remaining, text) => {
    expect(pages.voteRecorded('approve', remaining).body).toContain(text);
  });

  it('escapes the text of an outcome', () => {
    expect(outcomePage('<t>', '<x>').body).toContain('<p><bdi>&lt;x&gt;</bdi></p>');
  });
});

describe('what to check', () => {
  it('shows how each fact was got: read with a confidence, or derived; and marks what to check', () => {
    // Prepare
    const record = shown(
      humanRequest({
        facts: [
          { label: 'Vendor', value: 'Acme Supplies Ltd', confidence: 96 },
          {
            label: 'Amount',
            value: 'EUR 12,138.00',
            confidence: 83.31,
            note: 'Compare the total on the document with subtotal + tax',
            check: true,
          },
          { label: 'Due', value: '2025-03-22', derived: 'invoice date + 30 days (NET30 terms)' },
        ],
        notes: ['Total 12138.00 is not subtotal 10000.00 + tax 1900.00'],
      }),
    );
    // Act
    const { body } = choosePage(record, 'n', { approveAllowed: true });
    // Assess
    expect(body).toContain(
      '<dd><bdi>Acme Supplies Ltd</bdi><span class="fact-meta"><bdi>read with confidence 96</bdi></span></dd>',
    );
    expect(body).toContain(
      '<dd class="check"><b>Check:</b> <bdi>EUR 12,138.00</bdi><span class="fact-meta"><bdi>read with confidence 83.3</bdi></span><span class="fact-meta"><bdi>Compare the total on the document with subtotal + tax</bdi></span></dd>',
    );
    expect(body).toContain(
      '<dd><bdi>2025-03-22</bdi><span class="fact-meta"><bdi>derived, not read: invoice date + 30 days (NET30 terms)</bdi></span></dd>',
    );
    expect(body).toContain(
      '<b>Noticed while reading</b><ul><li><bdi>Total 12138.00 is not subtotal 10000.00 + tax 1900.00</bdi></li></ul>',
    );
  });

  it('adds nothing to a fact the process gave as a plain value', () => {
    const { body } = choosePage(shown(), 'n', { approveAllowed: true });
    expect(body).toContain('<dt><bdi>Vendor</bdi></dt><dd><bdi>Acme Supplies Ltd</bdi></dd>');
    expect(body).not.toContain('Noticed while reading');
  });
});

describe('pages after a decision', () => {
  const item = 'Invoice INV-0107 from Acme Supplies Ltd (EUR 12,138.00)';
  it.each([
    ['applied', pages.applied('approved', item)],
    ['recordedPending', pages.recordedPending('rejected', item)],
    ['voteRecorded', pages.voteRecorded('approve', 1, item)],
    ['alreadyVoted', pages.alreadyVoted('approve', '2025-03-01T10:00:00Z', item)],
    ['notApplied', pages.notApplied(item)],
    ['submitter', pages.submitter(item)],
    ['locked', pages.locked(item)],
    ['ended (decided)', endedPage(approvalRecord({ status: 'APPROVED', decidedBy: ['ann@example.com'] }))],
    ['ended (expired)', endedPage(approvalRecord({ status: 'EXPIRED' }))],
    ['ended (withdrawn)', endedPage(approvalRecord({ status: 'CANCELLED' }))],
  ])('%s names the item that was decided', (_name, response) => {
    expect(response.body).toContain(`<p class="item"><bdi>${item}</bdi></p>`);
  });

  it('names nothing on a page for a link that opened no approval', () => {
    expect(pages.invalidLink().body).not.toContain('class="item"');
  });
});
