import { type AccountReader, type Answer, type Operation, parseAnswer, type Questions } from './answers.ts';
import { RecordedAwsError } from './aws-errors.ts';
import { type Recording, sameQuestion } from './recording.ts';

/** The account as a recording answered: no AWS call, no credentials. */
export class ReplayReader implements AccountReader {
  constructor(private readonly recording: Recording) {}

  async read<O extends Operation>(operation: O, question: Questions[O]): Promise<Answer<O>> {
    const entry = this.recording.entries.find(
      (e) => e.operation === operation && sameQuestion(e.question, question),
    );
    if (!entry) {
      const asked = this.recording.entries
        .filter((e) => e.operation === operation)
        .map((e) => JSON.stringify(e.question));
      throw new Error(
        `the recording has no answer to ${operation} ${JSON.stringify(question)}${asked.length > 0 ? ` (it answers ${asked.join(', ')})` : ''}`,
      );
    }
    if ('error' in entry) throw new RecordedAwsError(entry.error.name, entry.error.message, entry.error.code);
    return parseAnswer(operation, entry.answer);
  }
}
