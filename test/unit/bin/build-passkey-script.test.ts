import { describe, expect, it } from 'vitest';
import { bundlePasskeyScript } from '../../../bin/build-passkey-script.ts';
import { passkeyScript } from '../../../lambdas/platform/identity/browser/passkey-script.ts';

describe('the passkey script served inline on the approval pages', () => {
  it('is the current bundle of passkey-page.js and @simplewebauthn/browser (rebuild with bin/build-passkey-script.ts)', async () => {
    expect(passkeyScript).toBe(await bundlePasskeyScript());
  });

  it('holds no closing script tag, so it can be inlined', () => {
    expect(passkeyScript.toLowerCase()).not.toContain('</script');
  });
});
