import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { requiredEnv } from '../../../platform/shared/env.ts';
import { sha256Hex } from '../../../platform/shared/hash.ts';
import { dynamo } from '../../../platform/stores/client.ts';
import { putIfAbsent } from '../../../platform/stores/dynamo-conditions.ts';
import { vendorsTable } from './vendors-table.ts';

/** One completed invoice in a vendor's history. */
export interface VendorInvoice {
  readonly vendorId: string;
  /** `INV#<invoiceDate>#<documentId>`: newest last, one item per document, written once (conditional put). */
  readonly recordKey: string;
  readonly documentId: string;
  readonly invoiceNumber: string | null;
  readonly invoiceDate: string | null;
  readonly total: string | null;
  readonly currency: string | null;
  readonly bankAccountHash: string | null;
  readonly recordedAt: string;
}

/** A stable vendor id from the normalised vendor name (case, spacing and punctuation ignored). */
export function vendorIdOf(vendorName: string): string {
  const key = vendorName
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return sha256Hex(key).slice(0, 32);
}

export function vendorRecordKey(invoiceDate: string | null, documentId: string): string {
  return `INV#${invoiceDate ?? '0000-00-00'}#${documentId}`;
}

/** The vendor history port: recent invoices per vendor, recorded idempotently per document. */
export interface VendorHistory {
  /** The vendor's most recent invoices, newest first. */
  recent(vendorId: string, limit?: number): Promise<VendorInvoice[]>;
  /** Records a completed invoice once (its key is derived from the document); false when it already was. */
  record(invoice: VendorInvoice): Promise<boolean>;
}

/** DynamoDB adapter: Vendor history: the recent invoices of a vendor, read by scoring and written by finalize. */
export class DynamoVendorHistory implements VendorHistory {
  constructor(
    private readonly db: DynamoDBDocumentClient = dynamo,
    private readonly tableName: string = requiredEnv(vendorsTable.envVar),
  ) {}

  /** The vendor's most recent invoices, newest first. */
  async recent(vendorId: string, limit = 100): Promise<VendorInvoice[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'vendorId = :v AND begins_with(recordKey, :p)',
        ExpressionAttributeValues: { ':v': vendorId, ':p': 'INV#' },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (out.Items ?? []) as VendorInvoice[];
  }

  /** Records a completed invoice once (its key is derived from the document); false when it already was. */
  async record(invoice: VendorInvoice): Promise<boolean> {
    // A re-run of finishing finds its earlier entry and leaves it as recorded.
    return putIfAbsent(this.db, this.tableName, invoice, 'recordKey');
  }
}
