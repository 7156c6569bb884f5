import { describe, expect, it } from 'vitest';
import { approvalLink, approvalRoute } from '../../../../lambdas/platform/human-step/route.ts';

describe('approvalLink', () => {
  it.each([
    'https://approvals.example.com',
    'https://approvals.example.com/',
    'https://approvals.example.com//',
  ])('joins %s with the approval id and secret', (base) => {
    expect(approvalLink(base, 'abc', 's3cr3t')).toBe('https://approvals.example.com/a/abc/s3cr3t');
  });

  it("lands on the route's resource, its path parameters carrying the id and the secret", () => {
    // Act
    const path = new URL(approvalLink('https://approvals.example.com/v1/', 'abc', 's3cr3t')).pathname;
    const parts = path.split('/').slice(2);

    // Assess
    expect(approvalRoute.resource).toBe('/a/{approvalId}/{secret}');
    expect(parts).toHaveLength(approvalRoute.pathParts.length);
    const parameters = Object.fromEntries(
      approvalRoute.pathParts.flatMap((part, i) =>
        part.startsWith('{') ? [[part.slice(1, -1), parts[i]]] : [],
      ),
    );
    expect(parameters).toEqual({ approvalId: 'abc', secret: 's3cr3t' });
    expect(Object.keys(parameters)).toEqual([...approvalRoute.parameters]);
  });
});
