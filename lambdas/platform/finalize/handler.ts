import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import type { NormalizedInvoice } from '../../processes/invoice/domain/invoice.ts';
import { VendorHistory } from '../../processes/invoice/domain/vendors.ts';
import { bucketPrefixes, envVars } from '../registry/functions.ts';
import { AuditTrail } from '../shared/audit.ts';
import { s3 } from '../shared/clients/s3.ts';
import { DocumentStore } from '../shared/documents.ts';
import { requiredEnv } from '../shared/env.ts';
import { instrument, MetricUnit, metrics } from '../shared/observability.ts';
import type { StateEvent } from '../shared/workflow.ts';
import { type FinalizeDeps, finalize } from './finalize.ts';

export function createFinalizeHandler(deps: FinalizeDeps) {
  return instrument(
    'finalize',
    (event: StateEvent) => ({
      documentId: event.state.document.documentId,
      executionArn: event.executionArn,
    }),
    async (event: StateEvent, _context: Context) => {
      const outcome = await finalize(deps, event);
      metrics.addMetric(
        `Documents${outcome.status === 'COMPLETED' ? 'Completed' : 'Rejected'}`,
        MetricUnit.Count,
        1,
      );
      return outcome;
    },
  );
}

const bucket = requiredEnv(envVars.bucket);
const vendors = new VendorHistory();

export const handler = createFinalizeHandler({
  documents: new DocumentStore(),
  audit: new AuditTrail(),
  readInvoice: async (key) => {
    const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return JSON.parse(
      await (out.Body?.transformToString() ?? Promise.resolve('null')),
    ) as NormalizedInvoice | null;
  },
  writeResult: async (key, body) => {
    await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/json' }),
    );
  },
  recordVendorInvoice: (invoice) => vendors.record(invoice),
  resultsPrefix: bucketPrefixes.results,
  now: () => new Date(),
});
