import { describe, expect, it } from 'vitest';
import { browserInstalled, browserPath, missingBrowserMessage } from './support/browser-path.ts';

// The one failure a machine without a browser sees: the other e2e files run only where this passes.
describe('the browser the e2e tests drive', () => {
  it('is installed', () => {
    const path = browserPath();
    if (!browserInstalled(path)) expect.fail(missingBrowserMessage(path));
  });
});
