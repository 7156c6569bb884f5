import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { isOperation, type Operation } from './answers.ts';

/**
 * A recording of an account's answers: each question the preflight asked, with the answer or the error
 * AWS gave. `npm run tower -- preflight --record <file>` writes one from a live account; `--recorded
 * <file>` replays it. Answers are the API's response syntax; errors keep the exception name.
 */
const operation = z.custom<Operation>(isOperation, { error: 'is not an operation the preflight asks' });
const entrySchema = z.union([
  z.object({
    operation,
    question: z.record(z.string(), z.unknown()),
    answer: z.record(z.string(), z.unknown()),
  }),
  z.object({
    operation,
    question: z.record(z.string(), z.unknown()),
    error: z.object({ name: z.string(), message: z.string(), code: z.string().optional() }),
  }),
]);

export const recordingSchema = z.object({
  /** How the answers came to be: captured from an account by --record, or written by hand from the API references. */
  source: z.string().min(1),
  region: z.string().min(1),
  entries: z.array(entrySchema),
});

export type Recording = z.output<typeof recordingSchema>;
export type RecordedEntry = Recording['entries'][number];

/** Reads a recording; a missing file or a malformed one is a clear error naming the file. */
export function readRecording(path: string): Recording {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(
      `cannot read the recording ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = recordingSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(
      `${path} is not a preflight recording: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

export function writeRecording(path: string, recording: Recording): void {
  writeFileSync(path, `${JSON.stringify(recording, null, 2)}\n`);
}

/** Whether two questions are the same (the same fields, the same values). */
export function sameQuestion(
  a: Readonly<Record<string, unknown>>,
  b: Readonly<Record<string, unknown>>,
): boolean {
  const canonical = (value: Readonly<Record<string, unknown>>) =>
    JSON.stringify(Object.entries(value).sort(([x], [y]) => x.localeCompare(y)));
  return canonical(a) === canonical(b);
}
