import { describe, expect, it } from 'vitest';
import { defaultInputs } from '../../../../../lambdas/platform/human-step/form/inputs.ts';
import { formHtml } from '../../../../../lambdas/platform/human-step/form/render.ts';
import { hiddenInputs, valuesSummary } from '../../../../../lambdas/platform/human-step/form/summary.ts';
import type { HumanStepForm } from '../../../../../lambdas/platform/human-step/form/types.ts';
import { claimChoices, claimForm } from '../../../../processes/claims/form.ts';

// What an attacker who sends documents controls (as in the approval pages' hostile tests): markup, a
// quote that would end an attribute, a right-to-left override, a terminal escape.
const hostile = '"><script>alert(1)</script>INV-\u202E1234\u001B[31m';
const raw = (html: string) =>
  [...html].filter((c) => '\u202A\u202B\u202C\u202D\u202E\u2066\u2069\u001B'.includes(c));
const view = (
  inputs = defaultInputs(claimForm),
  errors: Record<string, string> = {},
  form: HumanStepForm = claimForm,
) => formHtml({ form, inputs, errors, choices: claimChoices });

describe('rendering a form', () => {
  it('labels every input and says which choices need it', () => {
    // Act
    const html = view();

    // Assess: each input, select and textarea (but the currency, labelled by aria-label) has its <label for>.
    const ids = [...html.matchAll(/<(?:input|select|textarea) id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual([
      'f-outcome',
      'f-payout',
      'f-reason',
      'f-policyNumber',
      'f-incidentDate',
      'f-daysOff',
      'f-lines-0-translation',
      'f-lines-1-translation',
    ]);
    for (const id of ids) expect(html).toContain(`<label for="${id}">`);
    expect(html).toContain('aria-label="Currency of Payout"');
    expect(html).toContain('<p class="hint" id="h-f-payout"><bdi>Needed to approve with payout.</bdi></p>');
    expect(html).toContain('<p class="hint" id="h-f-reason"><bdi>Needed to reject.</bdi></p>');
    expect(html).toContain('<dt><bdi>Original</bdi></dt><dd><bdi>Wasserschaden in der Küche</bdi></dd>');
    expect(html).toContain('<legend><bdi>Line</bdi> 2 of 2</legend>');
    expect(html).toContain('type="date" value="2026-03-02" min="2020-01-01" max="2026-12-31"');
    expect(html).not.toContain('role="alert"');
  });

  it('keeps what the person typed and ties each error to its input', () => {
    // Act
    const html = view(
      {
        ...defaultInputs(claimForm),
        'f.payout': '12.345',
        'f.payout.currency': 'USD',
        'f.reason': 'kept\nas typed',
      },
      { 'f.payout': 'Enter an amount with at most two decimals, such as 1250.00.' },
    );

    // Assess
    expect(html).toContain(
      '<input id="f-payout" name="f.payout" aria-describedby="h-f-payout e-f-payout" aria-invalid="true" type="text" inputmode="decimal" autocomplete="off" value="12.345">',
    );
    expect(html).toContain(
      '<p class="field-error" id="e-f-payout"><bdi>Enter an amount with at most two decimals',
    );
    expect(html).toContain('<option selected>USD</option>');
    expect(html).toContain('>kept\nas typed</textarea>');
    expect(html).toContain('role="alert"><b>Nothing was decided: please correct this field.</b>');
    expect(html).toContain('<a href="#f-payout"><bdi>Payout: Enter an amount');
  });

  it('escapes hostile values everywhere: inputs, rows, options, labels, errors', () => {
    // Prepare
    const form: HumanStepForm = {
      ...claimForm,
      fields: claimForm.fields.map((f) => ({ ...f, label: `${f.label} ${hostile}` })),
      data: { ...claimForm.data, lines: [{ source: hostile, translation: hostile }] },
    };

    // Act
    const html = view(
      { ...defaultInputs(form), 'f.reason': `</textarea>${hostile}` },
      { 'f.reason': hostile },
      form,
    );
    const summary = valuesSummary(form, { reason: hostile, payout: { value: '1234.50', currency: 'EUR' } });
    const hidden = hiddenInputs({ 'f.reason': hostile });

    // Assess
    // What is shown as text is escaped; what stands in an input is the value as typed (an input isolates it).
    const shownText = (part: string) =>
      part.replace(/ value="[^"]*"/g, '').replace(/(<textarea[^>]*>)[^<]*<\/textarea>/g, '$1');
    for (const part of [html, summary, hidden]) {
      expect(part).not.toContain('<script>');
      expect(raw(shownText(part))).toEqual([]);
    }
    expect(raw(html)).not.toEqual([]);
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;');
    expect(html).toContain('&lt;/textarea&gt;&quot;&gt;&lt;script&gt;');
    expect(summary).toContain('<dd><bdi>EUR 1,234.50</bdi></dd>');
    expect(hidden).toBe(
      '<input type="hidden" name="f.reason" value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;INV-\u202E1234\u001B[31m">',
    );
  });
});
