import type { TableSpec } from '../../../platform/registry/tables.ts';

/** The vendor history: each completed invoice under its vendor, newest last (see vendors.ts). */
export const vendorsTable: TableSpec = {
  id: 'vendors',
  envVar: 'VENDORS_TABLE',
  partitionKey: 'vendorId',
  sortKey: 'recordKey',
  oneItemPerDocument: true,
};
