import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../../lambdas/platform/shared/html.ts';

describe('escapeHtml', () => {
  it.each([
    ['&', '&amp;'],
    ['<', '&lt;'],
    ['>', '&gt;'],
    ['"', '&quot;'],
    ["'", '&#39;'],
  ])('escapes %s', (raw, escaped) => {
    expect(escapeHtml(raw)).toBe(escaped);
  });

  it('neutralises markup and attribute breakouts', () => {
    // Act
    const escaped = escapeHtml(`"><script>alert('x')</script><img src=x onerror="y">`);

    // Assess
    expect(escaped).toBe(
      '&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x onerror=&quot;y&quot;&gt;',
    );
    expect(escaped).not.toMatch(/[<>"']/);
  });

  it('escapes an already escaped entity again, so text shows as typed', () => {
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });

  it('leaves ordinary text, including non-ASCII, untouched', () => {
    expect(escapeHtml('Müller GmbH — 1,234.50 EUR')).toBe('Müller GmbH — 1,234.50 EUR');
  });
});
