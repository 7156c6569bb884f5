import { errorName } from '../operator/errors.ts';
import type { AccountReader, Answer, Operation, Questions } from './answers.ts';
import type { RecordedEntry } from './recording.ts';

/** Reads through another reader and keeps every question with its answer or error, for `--record`. */
export class RecordingReader implements AccountReader {
  readonly entries: RecordedEntry[] = [];

  constructor(private readonly inner: AccountReader) {}

  async read<O extends Operation>(operation: O, question: Questions[O]): Promise<Answer<O>> {
    const asked = { ...question };
    try {
      const answer = await this.inner.read(operation, question);
      // JSON's own copy: dates become text, and the SDK's $metadata (request ids) is left out.
      const { $metadata: _metadata, ...fields } = JSON.parse(JSON.stringify(answer)) as Record<
        string,
        unknown
      >;
      this.entries.push({ operation, question: asked, answer: fields });
      return answer;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      this.entries.push({
        operation,
        question: asked,
        error: {
          name: errorName(error) ?? 'Error',
          message: error instanceof Error ? error.message : String(error),
          ...(typeof code === 'string' ? { code } : {}),
        },
      });
      throw error;
    }
  }
}
