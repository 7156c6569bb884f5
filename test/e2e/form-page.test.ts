import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseFields } from '../../lambdas/platform/human-step/approval-api/form-step.ts';
import { choosePage } from '../../lambdas/platform/human-step/approval-api/pages.ts';
import { defaultInputs } from '../../lambdas/platform/human-step/form/inputs.ts';
import { claimChoices, claimForm } from '../processes/claims/form.ts';
import { approvalRecord, humanRequest } from '../unit/platform/shared/support/builders.ts';
import { launchChromium } from './support/browser.ts';
import { browserInstalled } from './support/browser-path.ts';

/** The claims form's choose page as a refusal shows it: the person's payout kept, its error beside it. */
const record = approvalRecord({
  request: humanRequest({ choices: claimChoices, form: claimForm }),
  choices: claimChoices,
});
const refusedPage = choosePage(record, 'nonce', {
  approveAllowed: true,
  form: chooseFields(record, {
    inputs: { ...defaultInputs(claimForm), 'f.payout': '9000' },
    errors: { 'f.payout': 'Enter EUR 5,000.00 or less.' },
  }),
}).body;

describe.runIf(browserInstalled())('a form on the approval page in a real browser', () => {
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let browser: Browser;
  beforeAll(async () => {
    chromium = await launchChromium();
    browser = chromium.browser;
  });
  afterAll(async () => chromium?.close());

  it('names every input by its label and describes the refused one by its error', async () => {
    // Prepare
    const page = await browser.newPage();
    await page.setContent(refusedPage);

    // Act: what assistive technology reads for each control (its label, its description).
    const controls = await page
      .locator('.form-fields input, .form-fields select, .form-fields textarea')
      .evaluateAll((elements) =>
        elements.map((e) => ({
          name:
            (e as unknown as { labels?: ArrayLike<{ textContent: string | null }> }).labels?.[0]
              ?.textContent ?? e.getAttribute('aria-label'),
          description: (e.getAttribute('aria-describedby') ?? '')
            .split(' ')
            .filter(Boolean)
            .map((id: string) => e.ownerDocument.getElementById(id)?.textContent ?? `missing ${id}`)
            .join(' '),
        })),
      );
    const payout = await page.getByLabel('Payout', { exact: true }).inputValue();
    await page.close();

    // Assess
    expect(controls.every((c) => typeof c.name === 'string' && c.name.length > 0)).toBe(true);
    expect(controls.map((c) => c.name)).toContain('Currency of Payout');
    expect(controls.find((c) => c.name === 'Payout')?.description).toBe(
      'Needed to approve with payout. Enter EUR 5,000.00 or less.',
    );
    expect(controls.every((c) => !c.description.includes('missing'))).toBe(true);
    expect(payout).toBe('9000');
  });

  it.each([390, 1280])('fits a %i px wide screen: no control sticks out', async (width) => {
    // Prepare
    const page = await browser.newPage({ viewport: { width, height: 900 } });

    // Act
    await page.setContent(refusedPage);
    const reach = await page.locator('html').evaluate((html) => {
      const view = html.ownerDocument.defaultView;
      const controls = [
        ...html.ownerDocument.querySelectorAll('input:not([type=hidden]), select, textarea, button'),
      ];
      return {
        page: html.scrollWidth - (view?.innerWidth ?? 0),
        controls: Math.max(...controls.map((c) => c.getBoundingClientRect().right)) - (view?.innerWidth ?? 0),
      };
    });
    await page.close();

    // Assess
    expect(reach.page).toBeLessThanOrEqual(0);
    expect(reach.controls).toBeLessThanOrEqual(0);
  });
});
