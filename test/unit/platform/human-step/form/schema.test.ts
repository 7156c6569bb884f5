import { describe, expect, it } from 'vitest';
import { defineForm, formProblems } from '../../../../../lambdas/platform/human-step/form/schema.ts';
import { parseHumanStepRequest } from '../../../../../lambdas/platform/human-step/request.ts';
import { claimChoices, claimForm } from '../../../../processes/claims/form.ts';
import { humanRequest } from '../../shared/support/builders.ts';

const choiceIds = claimChoices.map((c) => c.id);
/** The fixture's form with its first field replaced. */
const withField = (field: unknown) => ({ ...claimForm, fields: [field, ...claimForm.fields.slice(1)] });

describe('form declarations', () => {
  it('accepts a form with every field type, and a request that carries it', () => {
    expect(formProblems(claimForm, choiceIds)).toEqual([]);
    const request = humanRequest({ choices: claimChoices, form: claimForm });
    expect(parseHumanStepRequest(request).form).toBe(claimForm);
  });

  it.each([
    [{ id: 'Bad id', type: 'text', label: 'X' }, 'form.fields.0.id must be letters and digits'],
    [{ id: 'x', type: 'colour', label: 'X' }, 'form.fields.0 (x).type must be one of'],
    [
      { id: 'x', type: 'text', label: 'X', pattern: '([' },
      'form.fields.0 (x).pattern must be a valid regular expression',
    ],
    [
      { id: 'x', type: 'number', label: 'X', min: 5, max: 1 },
      'form.fields.0 (x).min must not be above its max',
    ],
    [
      { id: 'x', type: 'amount', label: 'X', currencies: ['euro'] },
      'form.fields.0 (x).currencies must list ISO 4217',
    ],
    [
      { id: 'x', type: 'amount', label: 'X', currencies: ['EUR'], max: '1e3' },
      'form.fields.0 (x).max must be a decimal',
    ],
    [{ id: 'x', type: 'date', label: 'X', min: '2026-02-30' }, 'form.fields.0 (x).min must be a date'],
    [{ id: 'x', type: 'choice', label: 'X', options: [] }, 'form.fields.0 (x).options must list 1 to 50'],
    [
      { id: 'x', type: 'text', label: 'X', default: { from: '$.nowhere' } },
      'form.fields.0 (x).default.from names nothing',
    ],
    [
      { id: 'x', type: 'text', label: 'X', default: { from: 'claimed' } },
      'form.fields.0 (x).default.from must be a reference',
    ],
    [
      { id: 'x', type: 'rows', label: 'X', from: '$.policy', columns: [] },
      'form.fields.0 (x).from must name a list',
    ],
    [
      {
        id: 'x',
        type: 'rows',
        label: 'X',
        from: '$.lines',
        columns: [{ id: 'y', type: 'rows', label: 'Y' }],
      },
      'form.fields.0 (x).columns.0 (y).type must be one of text, multiline, number, amount, date, choice',
    ],
    [{ id: 'payout', type: 'text', label: 'X' }, 'form.fields: the id payout is used twice'],
  ])('names the field of a bad declaration: %j', (field, problem) => {
    // Act
    const problems = formProblems(withField(field), choiceIds);

    // Assess
    expect(problems.join('\n')).toContain(problem);
  });

  it('refuses requirements for unknown choices or fields, at declaration and in the request', () => {
    const bad = { ...claimForm, requires: { approve: ['payout'], decline: ['nothing'] } };
    expect(() => defineForm(bad, choiceIds)).toThrow(
      /form\.requires\.approve names no choice of the step; form\.requires\.decline must list field ids/,
    );
    expect(() => parseHumanStepRequest(humanRequest({ choices: claimChoices, form: bad }))).toThrow(
      /The human step's request is invalid: .*form\.requires\.approve names no choice/,
    );
  });
});
