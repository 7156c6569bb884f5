import { defineForm } from '../../../lambdas/platform/human-step/form/schema.ts';
import type { HumanStepChoice } from '../../../lambdas/platform/human-step/request.ts';

/** The claim handler's buttons: paying needs the outcome and the payout, refusing needs a reason. */
export const claimChoices: readonly HumanStepChoice[] = [
  { id: 'pay', label: 'Approve with payout', effect: 'approve' },
  { id: 'decline', label: 'Reject', effect: 'reject' },
];

/**
 * A form with every field type, checked where it is declared (a bad one fails the module's load): the
 * outcome, the payout, a reason, the policy number, the incident date, the days off work, and the
 * claim's lines to translate (the source read-only, the translation editable).
 */
export const claimForm = defineForm(
  {
    fields: [
      {
        id: 'outcome',
        type: 'choice',
        label: 'Outcome',
        options: [
          { value: 'covered', label: 'Covered in full' },
          { value: 'partial', label: 'Partly covered' },
          { value: 'excluded', label: 'Excluded' },
        ],
      },
      {
        id: 'payout',
        type: 'amount',
        label: 'Payout',
        currencies: ['EUR', 'USD'],
        min: '0.01',
        max: '5000.00',
        default: { from: '$.claimed' },
      },
      { id: 'reason', type: 'multiline', label: 'Reason', maxLength: 500 },
      {
        id: 'policyNumber',
        type: 'text',
        label: 'Policy number',
        help: 'Two letters, a dash and four digits.',
        pattern: '[A-Z]{2}-\\d{4}',
        required: true,
        default: { from: '$.policy' },
      },
      {
        id: 'incidentDate',
        type: 'date',
        label: 'Date of the incident',
        min: '2020-01-01',
        max: '2026-12-31',
        default: { from: '$.incident' },
      },
      { id: 'daysOff', type: 'number', label: 'Days off work', integer: true, min: 0, max: 365 },
      {
        id: 'lines',
        type: 'rows',
        label: 'Line',
        from: '$.lines',
        columns: [
          { id: 'source', type: 'text', label: 'Original', readOnly: true },
          { id: 'translation', type: 'text', label: 'Translation', required: true, maxLength: 200 },
        ],
      },
    ],
    requires: { pay: ['outcome', 'payout'], decline: ['reason'] },
    data: {
      claimed: { value: '1200.00', currency: 'EUR' },
      policy: 'PX-1234',
      incident: '2026-03-02',
      lines: [
        { source: 'Wasserschaden in der Küche', translation: 'Water damage in the kitchen' },
        { source: 'Trocknungsgeräte, 5 Tage', translation: '' },
      ],
    },
  },
  claimChoices.map((c) => c.id),
);
