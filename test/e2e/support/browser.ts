import { type Browser, chromium } from 'playwright-core';
import { browserPath } from './browser-path.ts';

/**
 * Debian's Chromium, headless, with nothing reaching for the network on its own (Playwright gives it a
 * fresh profile); `extraArgs` adds switches (e.g. `--host-resolver-rules` to play a rebound DNS name).
 */
export async function launchChromium(
  extraArgs: readonly string[] = [],
): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: browserPath(),
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
      ...extraArgs,
    ],
  });
  return { browser, close: () => browser.close() };
}
