import { readWarnings } from '../../../platform/shared/read-fields.ts';
import { fieldLabels, type HeaderField } from '../domain/invoice.ts';

const problems: Readonly<Record<string, string>> = {
  missing: 'not found on the document',
  unparseable: 'found, but not readable',
};

/** `dueDate` → `Due date`, `lineItems[2].amount` → `Line 3 amount`, `totals` → `Totals`. */
function subject(name: string): string {
  if (Object.hasOwn(fieldLabels, name)) return fieldLabels[name as HeaderField];
  const line = /^lineItems\[(\d+)\]\.(\w+)$/.exec(name);
  if (line) return `Line ${Number(line[1]) + 1} ${line[2]}`;
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * The reader's warnings (`dueDate: missing`, `totals: subtotal + tax does not equal total`) in words a
 * person reads: `Due date: not found on the document`. A warning of another shape is kept as it is.
 */
export function readerNotes(warnings: readonly string[]): string[] {
  return readWarnings(warnings).map((warning) => {
    const match = /^([\w[\].]+): (.+)$/s.exec(warning);
    if (!match) return warning;
    const [, name = '', text = ''] = match;
    return `${subject(name)}: ${problems[text] ?? text}`;
  });
}
