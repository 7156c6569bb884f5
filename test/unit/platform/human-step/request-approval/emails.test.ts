import { describe, expect, it } from 'vitest';
import {
  type ApprovalEmailKind,
  approvalEmail,
} from '../../../../../lambdas/platform/human-step/request-approval/emails.ts';
import { humanRequest } from '../../shared/support/builders.ts';

const link =
  'https://approvals.example.com/a/AbCdEfGhIjKlMnOpQrStUv/secret_0123456789-abcdefghijklmnopqrstuvwxyzABC';
const deadline = '2025-03-04T08:00:02.000Z';
const title = 'Invoice INV-0107 from Acme Supplies Ltd (EUR 12,138.00)';

describe('approvalEmail', () => {
  it.each<[ApprovalEmailKind, string, string]>([
    ['request', `Decision needed: ${title}`, 'needs your decision before 2025-03-04 08:00 UTC'],
    ['reminder', `Reminder: ${title}`, 'It closes at 2025-03-04 08:00 UTC'],
    ['escalation', `Escalated: ${title}`, 'was escalated to you'],
  ])('a %s says so in its subject and first line', (kind, subject, intro) => {
    // Act
    const email = approvalEmail(kind, 'ann@example.com', humanRequest(), link, deadline);

    // Assess
    expect(email.to).toBe('ann@example.com');
    expect(email.subject).toBe(subject);
    expect(email.text.split('\n')[0]).toContain(intro);
    expect(email.html).toContain(intro);
  });

  it('carries the link as its only link, in both parts', () => {
    // Act
    const email = approvalEmail('request', 'ann@example.com', humanRequest(), link, deadline);

    // Assess
    expect([...email.html.matchAll(/href="([^"]*)"/g)].map((m) => m[1])).toEqual([link]);
    expect(email.html.match(/<a\s/g)).toHaveLength(1);
    expect(email.text.match(/https?:\/\//g)).toHaveLength(1);
    expect(email.text.split('\n')).toContain(link);
  });

  it('tells the person that opening the page decides nothing', () => {
    const email = approvalEmail('request', 'ann@example.com', humanRequest(), link, deadline);
    expect(email.text).toContain('opening it decides nothing');
    expect(email.html).toContain('Opening the page decides nothing');
  });

  it('escapes every value the process gave in the HTML part', () => {
    // Prepare
    const hostile = humanRequest({
      title: '<img src=x onerror=alert(1)>',
      facts: [{ label: 'Invoice<', value: '"><script>steal()</script>' }],
      risk: { level: 'high', rationale: [] },
      reasons: ['total > limit & new <bank>'],
    });

    // Act
    const email = approvalEmail('request', 'ann@example.com', hostile, `${link}?x="><script>`, deadline);

    // Assess
    expect(email.html).not.toMatch(/<img|<script|<bank>|Invoice</);
    expect(email.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(email.html).toContain('&quot;&gt;&lt;script&gt;steal()&lt;/script&gt;');
    expect(email.html).toContain('total &gt; limit &amp; new &lt;bank&gt;');
    expect(email.html).toContain('href="https://approvals.example.com/a/');
    expect(email.html).toContain('?x=&quot;&gt;&lt;script&gt;"');
  });

  it("shows the process's own facts, whatever they are, and a dash for no reason", () => {
    // Act
    const email = approvalEmail(
      'request',
      'ann@example.com',
      humanRequest({
        title: 'Segment batch 3 of the release notes',
        facts: [{ label: 'Language pair', value: 'en → es' }],
        risk: null,
        reasons: [],
      }),
      link,
      deadline,
    );

    // Assess
    expect(email.subject).toBe('Decision needed: Segment batch 3 of the release notes');
    expect(email.text).toContain('Language pair: en → es');
    expect(email.text).not.toContain('Risk:');
    expect(email.text).toContain('Why you are asked: —');
  });

  it('lists the facts, risk and reasons in the text part', () => {
    const email = approvalEmail(
      'reminder',
      'ann@example.com',
      humanRequest({ reasons: ['a', 'b'] }),
      link,
      deadline,
    );
    expect(email.text).toContain('Amount: EUR 12,138.00');
    expect(email.text).toContain('Due: 2025-03-22');
    expect(email.text).toContain('Risk: high');
    expect(email.text).toContain('Why you are asked: a; b');
  });
});

describe('a derived fact in the email', () => {
  it('says it was derived, in the text and the HTML', () => {
    const request = humanRequest({
      facts: [{ label: 'Due', value: '2025-03-22', derived: 'invoice date + 30 days (NET30 terms)' }],
    });
    const email = approvalEmail(
      'request',
      'ann@example.com',
      request,
      'https://x/a/b/c',
      '2025-03-04T08:00:00Z',
    );
    expect(email.text).toContain('Due: 2025-03-22 (derived: invoice date + 30 days (NET30 terms))');
    expect(email.html).toContain(
      '<b><bdi>2025-03-22 (derived: invoice date + 30 days (NET30 terms))</bdi></b>',
    );
  });
});
