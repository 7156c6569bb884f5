import type { ProcessSpec } from '../platform/registry/process-spec.ts';
import { invoiceProcess } from './invoice/process.ts';

/** The processes Tower runs. Adding one: its folder under lambdas/processes/, and one line here. */
export const processes: readonly ProcessSpec[] = [invoiceProcess];
