import { GetObjectCommand } from '@aws-sdk/client-s3';
import { s3 } from '../../../platform/data/client.ts';
import { createFinalizeHandler, finalizeDeps } from '../../../platform/finish/finish-handler.ts';
import { envVars } from '../../../platform/registry/names.ts';
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
