import type { Browser, Page } from 'playwright-core';

/**
 * A patient mail-security crawler: it opens a link, waits `dwellMs` on every page, then submits every form
 * with every one of its buttons (from a fresh load of the page each time), filling email fields with the
 * recipient's address and other text fields with a guess, and follows the answer pages `depth` deep.
 * Returns how many submissions it made.
 */
export async function patientCrawl(
  browser: Browser,
  link: string,
  options: { recipient: string; dwellMs: number; depth: number },
): Promise<number> {
  const context = await browser.newContext();
  let submissions = 0;
  const visit = async (open: (page: Page) => Promise<unknown>, depth: number): Promise<void> => {
    const page = await context.newPage();
    await open(page);
    await page.waitForTimeout(options.dwellMs);
    const forms = await page.locator('form').count();
    const choices: [number, number][] = [];
    for (let f = 0; f < forms; f++) {
      const buttons = await page.locator('form').nth(f).locator('button').count();
      for (let b = 0; b < buttons; b++) choices.push([f, b]);
    }
    await page.close();
    if (depth === 0) return;
    for (const [f, b] of choices) {
      await visit(async (next) => {
        await open(next);
        await next.waitForTimeout(options.dwellMs);
        const form = next.locator('form').nth(f);
        for (const input of await form.locator('input[type=email]').all())
          await input.fill(options.recipient);
        for (const input of await form.locator('input[type=text], textarea').all())
          await input.fill('000000');
        const button = form.locator('button').nth(b);
        // The page may have changed since it was first seen (the task was decided on another path).
        if ((await button.count()) === 0) return;
        submissions += 1;
        await Promise.all([next.waitForLoadState('load'), button.click({ timeout: 5000 })]);
        await next.waitForLoadState('load');
      }, depth - 1);
    }
  };
  await visit((page) => page.goto(link), options.depth);
  await context.close();
  return submissions;
}

/** A headless browser that loads the link and, after `dwellMs`, clicks every button it finds, page after page. */
export async function clickEverything(
  browser: Browser,
  link: string,
  dwellMs: number,
  rounds = 4,
): Promise<void> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  for (let round = 0; round < rounds; round++) {
    await page.waitForTimeout(dwellMs);
    const buttons = await page.locator('button').all();
    if (buttons.length === 0) break;
    await buttons[round % buttons.length]?.click({ timeout: 5000 }).catch(() => undefined);
    await page.waitForLoadState('load');
  }
  await context.close();
}
