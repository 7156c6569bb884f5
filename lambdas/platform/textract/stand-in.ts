import { type ExpenseReader, isExpenseReader } from '../../../local/emulators/textract/expense-reader.ts';
import type { ProcessSpec } from '../registry/process-spec.ts';

/**
 * The expense reader the local Textract reads with: the one a process gives as its `textract`
 * stand-in (`{ expenseReader }`), or undefined when none does. A malformed stand-in, or two
 * processes each giving one, is an error naming them.
 */
export async function textractStandIn(processes: readonly ProcessSpec[]): Promise<ExpenseReader | undefined> {
  const readers: { readonly process: string; readonly reader: ExpenseReader }[] = [];
  for (const process of processes) {
    const standIn = (await process.standIns?.())?.textract;
    if (standIn === undefined) continue;
    const reader =
      typeof standIn === 'object' && standIn !== null && 'expenseReader' in standIn
        ? standIn.expenseReader
        : undefined;
    if (!isExpenseReader(reader))
      throw new TypeError(
        `Process ${process.id}: its textract stand-in must be { expenseReader: ExpenseReader } (read, knows, currencyOf)`,
      );
    readers.push({ process: process.id, reader });
  }
  if (readers.length > 1)
    throw new Error(
      `The local Textract reads with one expense reader; processes ${readers.map((r) => r.process).join(', ')} each give one`,
    );
  return readers[0]?.reader;
}
