import { describe, expect, it } from 'vitest';
import { textractStandIn } from '../../../../lambdas/platform/textract/stand-in.ts';
import { invoiceProcess } from '../../../../lambdas/processes/invoice/process.ts';
import { expenseReader } from '../../../../lambdas/processes/invoice/textract-stand-in/index.ts';

/** The local Textract's reader comes from the processes' `textract` stand-ins, checked at the point of use. */

const { standIns: _, ...withoutStandIns } = invoiceProcess;
const other = (standIn: unknown) => ({
  ...withoutStandIns,
  id: 'other',
  standIns: async () => ({ textract: standIn }),
});

describe('textractStandIn', () => {
  it("is the invoice's expense reader when the invoice process runs", async () => {
    expect(await textractStandIn([invoiceProcess])).toBe(expenseReader);
  });

  it('is undefined when no process gives a textract stand-in', async () => {
    const mailOnly = { ...withoutStandIns, standIns: async () => ({ mail: {} }) };
    expect(await textractStandIn([withoutStandIns, mailOnly])).toBeUndefined();
  });

  it('refuses a stand-in that is not { expenseReader }, naming the process', async () => {
    await expect(textractStandIn([other({ read: () => [] })])).rejects.toThrow(
      /Process other: its textract stand-in must be \{ expenseReader/,
    );
  });

  it('refuses two readers, naming both processes', async () => {
    await expect(textractStandIn([invoiceProcess, other({ expenseReader })])).rejects.toThrow(
      /processes invoice, other each give one/,
    );
  });
});
