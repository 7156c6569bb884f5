import { describe, expect, it } from 'vitest';
import { OperationRates } from '../../../../../local/emulators/textract/rate-limit.ts';

const calls = (rates: OperationRates, times: readonly number[]) =>
  times.map((at) => {
    try {
      rates.admit('AnalyzeExpense', at);
      return 'admitted';
    } catch (error) {
      return (error as Error).name;
    }
  });

describe('the local Textract rate', () => {
  it('admits a burst of one second of calls, then one per 1/rate seconds', () => {
    const rates = new OperationRates({ AnalyzeExpense: 2 });
    expect(calls(rates, [0, 0, 0, 500, 600])).toEqual([
      'admitted',
      'admitted',
      'ProvisionedThroughputExceededException',
      'admitted',
      'ProvisionedThroughputExceededException',
    ]);
  });

  it('admits a call every two seconds at 0.5 a second, not none', () => {
    const rates = new OperationRates({ AnalyzeExpense: 0.5 });
    expect(calls(rates, [0, 1000, 2000, 2500, 4000])).toEqual([
      'admitted',
      'ProvisionedThroughputExceededException',
      'admitted',
      'ProvisionedThroughputExceededException',
      'admitted',
    ]);
    expect(rates.throttled.get('AnalyzeExpense')).toBe(2);
  });
});
