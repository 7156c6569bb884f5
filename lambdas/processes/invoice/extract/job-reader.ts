import type { TextractClient } from '@aws-sdk/client-textract';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { envVars } from '../../../platform/registry/names.ts';
import type { TextractRates } from '../../../platform/registry/queues.ts';
import { jsonEnv } from '../../../platform/shared/env.ts';
import { RateSlots, slotGate } from '../../../platform/textract/rate-slots.ts';
import { type JobReader, textractPageReader } from './expense-job.ts';

// How long one page read may wait for a GetExpenseAnalysis slot before the read is handed back.
const slotWaitMs = 5000;

/** The live job reader: GetExpenseAnalysis admitted at the configured `getTps` (env TEXTRACT_RATES). */
export function jobReader(textract: TextractClient, db: DynamoDBDocumentClient, table: string): JobReader {
  const { getTps } = jsonEnv<TextractRates>(envVars.textractRates);
  return {
    getPage: textractPageReader(textract),
    takeSlot: slotGate(new RateSlots(db, table), 'get', getTps, slotWaitMs),
  };
}
