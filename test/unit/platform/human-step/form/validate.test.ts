import { describe, expect, it } from 'vitest';
import { defaultInputs } from '../../../../../lambdas/platform/human-step/form/inputs.ts';
import { validateForm } from '../../../../../lambdas/platform/human-step/form/validate.ts';
import { claimChoices, claimForm } from '../../../../processes/claims/form.ts';

const [pay, decline] = claimChoices as [(typeof claimChoices)[0], (typeof claimChoices)[0]];
/** What the page pre-fills, a line translated and an outcome chosen, changed by `edits`. */
const filled = (edits: Record<string, string> = {}) => ({
  ...defaultInputs(claimForm),
  'f.outcome': 'partial',
  'f.lines.1.translation': 'Drying equipment, 5 days',
  ...edits,
});
const errorsOf = (choice: typeof pay, inputs: Record<string, string>) => {
  const result = validateForm(claimForm, choice, inputs);
  return result.ok ? {} : result.errors;
};

describe('validating what a person typed', () => {
  it('pre-fills from the process: defaults by reference, columns from their row', () => {
    expect(defaultInputs(claimForm)).toEqual({
      'f.outcome': '',
      'f.payout': '1200.00',
      'f.payout.currency': 'EUR',
      'f.reason': '',
      'f.policyNumber': 'PX-1234',
      'f.incidentDate': '2026-03-02',
      'f.daysOff': '',
      'f.lines.0.translation': 'Water damage in the kitchen',
      'f.lines.1.translation': '',
    });
  });

  it('returns typed values, in the form order, with only the editable fields', () => {
    // Act
    const result = validateForm(claimForm, pay, filled({ 'f.payout': '1,250.5', 'f.daysOff': '4' }));

    // Assess
    expect(result).toEqual({
      ok: true,
      values: {
        outcome: 'partial',
        payout: { value: '1250.50', currency: 'EUR' },
        policyNumber: 'PX-1234',
        incidentDate: '2026-03-02',
        daysOff: 4,
        lines: [{ translation: 'Water damage in the kitchen' }, { translation: 'Drying equipment, 5 days' }],
      },
    });
    expect(Object.keys(result.ok ? result.values : {})).toEqual([
      'outcome',
      'payout',
      'policyNumber',
      'incidentDate',
      'daysOff',
      'lines',
    ]);
  });

  it.each([
    ['f.payout', '12.345', 'at most two decimals'],
    ['f.payout', '5000.01', 'Enter EUR 5,000.00 or less.'],
    ['f.payout', '0', 'Enter EUR 0.01 or more.'],
    ['f.payout.currency', 'GBP', 'Choose one of EUR, USD.'],
    ['f.incidentDate', '2026-02-30', 'Enter a date as YYYY-MM-DD'],
    ['f.incidentDate', '2019-12-31', 'Enter 2020-01-01 or later.'],
    ['f.incidentDate', '2027-01-01', 'Enter 2026-12-31 or earlier.'],
    ['f.daysOff', '2.5', 'Enter a whole number.'],
    ['f.daysOff', '366', 'Enter 365 or less.'],
    ['f.daysOff', 'ten', 'Enter a number'],
    ['f.outcome', 'paid', 'Choose one of the options.'],
    ['f.policyNumber', 'px-1234', 'not in the expected format'],
    ['f.policyNumber', '', 'This is required.'],
    ['f.reason', 'x'.repeat(501), 'Enter at most 500 characters.'],
    ['f.lines.1.translation', '', 'This is required.'],
  ])('refuses %s = %j, saying why', (name, value, why) => {
    // Act
    const problems = errorsOf(pay, filled({ [name]: value }));

    // Assess
    const at = name === 'f.payout.currency' ? 'f.payout' : name;
    expect(Object.keys(problems)).toEqual([at]);
    expect(problems[at]).toContain(why);
  });

  it('asks for what each choice requires, and only that', () => {
    const blank = filled({ 'f.outcome': '', 'f.payout': '' });
    expect(errorsOf(pay, blank)).toEqual({
      'f.outcome': 'This is required to approve with payout.',
      'f.payout': 'This is required to approve with payout.',
    });
    expect(errorsOf(decline, blank)).toEqual({ 'f.reason': 'This is required to reject.' });
    expect(validateForm(claimForm, decline, filled({ 'f.reason': 'Not insured\r\nfor this' }))).toMatchObject(
      {
        ok: true,
        values: { reason: 'Not insured\nfor this' },
      },
    );
  });

  it('never takes read-only columns or unknown names from the post', () => {
    const result = validateForm(
      claimForm,
      pay,
      filled({ 'f.lines.0.source': 'forged', 'f.lines.2.translation': 'extra', 'f.admin': 'yes' }),
    );
    expect(JSON.stringify(result)).not.toMatch(/forged|extra|admin/);
  });
});
