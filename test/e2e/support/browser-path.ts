import { accessSync, constants } from 'node:fs';

/** The browser the e2e tests drive: Debian's Chromium, or any Chrome/Chromium named by CHROMIUM_PATH. */
export function browserPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROMIUM_PATH || '/usr/bin/chromium';
}

export function browserInstalled(path: string = browserPath()): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function missingBrowserMessage(path: string): string {
  return `The browser tests need Chromium at ${path}: install it (sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chrome or Chromium binary.`;
}
