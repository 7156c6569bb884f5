import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  page,
  securityHeaders,
} from '../../../../../lambdas/platform/human-step/approval-api/layout.ts';

describe('page', () => {
  const response = page(200, 'Invoice approval', '<p>body</p>');

  it('carries the status and the security headers', () => {
    expect(response.statusCode).toBe(200);
    expect(response.headers).toEqual({
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'Content-Security-Policy': contentSecurityPolicy,
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'X-Robots-Tag': 'noindex, nofollow',
    });
    expect(securityHeaders).toBe(response.headers);
  });

  it('allows no script, no framing, and forms only back to this origin', () => {
    const directives = contentSecurityPolicy.split('; ');
    expect(directives).toContain("default-src 'none'");
    expect(directives).toContain("frame-ancestors 'none'");
    expect(directives).toContain("form-action 'self'");
    expect(directives).toContain("base-uri 'none'");
    expect(contentSecurityPolicy).not.toMatch(/script-src|unsafe-inline|unsafe-eval/);
  });

  it("allows exactly the page's inline style, by its hash", () => {
    // Prepare
    const style = /<style>([\s\S]*?)<\/style>/.exec(response.body)?.[1] ?? '';

    // Act
    const hash = createHash('sha256').update(style).digest('base64');

    // Assess
    expect(style.length).toBeGreaterThan(0);
    expect(contentSecurityPolicy).toContain(`style-src 'sha256-${hash}'`);
    expect(response.body.match(/<style>/g)).toHaveLength(1);
    expect(response.body).not.toMatch(/\sstyle="/);
  });

  it('escapes the title and places the body inside main', () => {
    // Act
    const hostile = page(404, '<script>x</script>', '<p id="inner">ok</p>');

    // Assess
    expect(hostile.statusCode).toBe(404);
    expect(hostile.body).not.toContain('<script>');
    expect(hostile.body).toContain('<title>&lt;script&gt;x&lt;/script&gt; · Tower</title>');
    expect(hostile.body).toMatch(
      /<main><h1><bdi>&lt;script&gt;x&lt;\/script&gt;<\/bdi><\/h1><p id="inner">ok<\/p><\/main>/,
    );
  });

  it('asks not to be indexed', () => {
    expect(response.body).toContain('<meta name="robots" content="noindex">');
  });

  it('admits a document beside the content from its one origin, and nothing else more', () => {
    // Act
    const framed = page(200, 'T', '<p>b</p>', {
      html: '<aside>d</aside>',
      embeds: { imageFrom: 'https://b.s3.eu-west-1.amazonaws.com' },
    });
    // Assess
    const csp = framed.headers['Content-Security-Policy'] ?? '';
    expect(csp.split('; ')).toEqual([
      ...contentSecurityPolicy.split('; ').slice(0, 2),
      'img-src https://b.s3.eu-west-1.amazonaws.com',
      ...contentSecurityPolicy.split('; ').slice(2),
    ]);
    expect(framed.body).toContain(
      '<main class="with-document"><h1><bdi>T</bdi></h1><div><p>b</p></div><aside>d</aside></main>',
    );
    expect({ ...framed.headers, 'Content-Security-Policy': contentSecurityPolicy }).toEqual(securityHeaders);
  });
});
