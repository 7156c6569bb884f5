import { describe, expect, it } from 'vitest';
import { roleOfSessionToken, sessionTokenFor, sessionTokenOf } from '../../../../local/iam/identity.ts';

const role = 'arn:aws:iam::000000000000:role/tower-local-approval-api';

describe('the session token of a request', () => {
  it('is the header a signed call carries', () => {
    expect(sessionTokenOf({ 'x-amz-security-token': sessionTokenFor(role) }, '/b/k')).toBe(
      sessionTokenFor(role),
    );
  });

  it('is the query parameter a presigned URL carries, so the URL acts with the signer’s role', () => {
    const url = `/b/k.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Security-Token=${encodeURIComponent(sessionTokenFor(role))}`;
    expect(roleOfSessionToken(sessionTokenOf({}, url))).toBe(role);
  });

  it('is absent from the runtime’s own calls', () => {
    expect(sessionTokenOf({}, '/b/k?versionId=1')).toBeUndefined();
  });
});
