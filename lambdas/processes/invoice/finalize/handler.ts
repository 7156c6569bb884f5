import { GetObjectCommand } from '@aws-sdk/client-s3';
import { createFinalizeHandler, finalizeDeps } from '../../../platform/finalize/finish-handler.ts';
import { envVars } from '../../../platform/registry/names.ts';
import { s3 } from '../../../platform/shared/clients/s3.ts';
import { requiredEnv } from '../../../platform/shared/env.ts';
import type { NormalizedInvoice } from '../domain/invoice.ts';
import { DynamoVendorHistory } from '../domain/vendors.ts';
import { type InvoiceFinishEvent, invoiceFinish } from './finish.ts';

const bucket = requiredEnv(envVars.bucket);
const vendors = new DynamoVendorHistory();

export const handler = createFinalizeHandler<InvoiceFinishEvent>(finalizeDeps(), (event) =>
  invoiceFinish(
    {
      readInvoice: async (key) => {
        const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return JSON.parse(
          await (out.Body?.transformToString() ?? Promise.resolve('null')),
        ) as NormalizedInvoice | null;
      },
      recordVendorInvoice: (invoice) => vendors.record(invoice),
    },
    event,
  ),
);
