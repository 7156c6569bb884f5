import type { AccountReader, Answer, Operation, Questions } from './answers.ts';

/** Asks each question once: two checks reading the same answer (SES's account) cost one call. */
export class MemoReader implements AccountReader {
  private readonly asked = new Map<string, Promise<unknown>>();

  constructor(private readonly inner: AccountReader) {}

  read<O extends Operation>(operation: O, question: Questions[O]): Promise<Answer<O>> {
    const key = `${operation} ${JSON.stringify(question)}`;
    const known = this.asked.get(key) as Promise<Answer<O>> | undefined;
    if (known) return known;
    const answer = this.inner.read(operation, question);
    this.asked.set(key, answer);
    return answer;
  }
}
