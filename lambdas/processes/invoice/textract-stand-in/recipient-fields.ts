import { type DetectedField, spanOfLines } from '../../../../local/emulators/textract/detected.ts';
import { type Line, stackUnder } from '../../../../local/emulators/textract/text-layout.ts';
import { candidateName } from '../extract/issuer.ts';
import { recipientLines } from '../extract/recipient.ts';

/**
 * The customer's block when no recipient label introduced it: a block with the customer's number in
 * it or against it (`Kundennummer 10234` over an envelope window). Textract names such a block
 * RECEIVER_NAME and RECEIVER_ADDRESS without a label; so does this, and takes its lines from the
 * vendor's candidates.
 */
export function unlabelledRecipient(free: readonly Line[], used: Set<Line>): DetectedField[] {
  const recipients = recipientLines(free.map((l) => ({ text: l.text, ...l.box })));
  const name = free.find(
    (line, i) => recipients.has(i) && !used.has(line) && candidateName(line.text) !== null,
  );
  if (name === undefined) return [];
  used.add(name);
  const address = stackUnder(name, free, (l) => !used.has(l));
  for (const line of address) used.add(line);
  return [
    { type: 'RECEIVER_NAME', label: null, value: spanOfLines([name]) },
    ...(address.length === 0
      ? []
      : [{ type: 'RECEIVER_ADDRESS', label: null, value: spanOfLines(address, '\n') }]),
  ];
}
