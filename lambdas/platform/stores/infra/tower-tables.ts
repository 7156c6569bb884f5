import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { pascal } from '../../../../lib/constructs/names.ts';
import type { TableId, TableSpec } from '../../registry/tables.ts';

export interface TowerTablesProps {
  /** The tables to create: the catalog's (the platform's and each process's own). */
  readonly specs: readonly TableSpec[];
  readonly encryptionKey: kms.IKey;
  /** @default false */
  readonly deletionProtection?: boolean;
  /** @default RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Tower's DynamoDB tables, one per registry entry: on demand, encrypted with the customer-managed key,
 * point-in-time recovery, TTL where the registry names an expiry attribute.
 */
export class TowerTables extends Construct {
  public readonly tables: Readonly<Record<TableId, dynamodb.Table>>;

  constructor(scope: Construct, id: string, props: TowerTablesProps) {
    super(scope, id);
    const created: Partial<Record<TableId, dynamodb.Table>> = {};
    for (const spec of props.specs) {
      if (created[spec.id]) throw new Error(`TowerTables: table ${spec.id} is listed twice`);
      const table = new dynamodb.Table(this, pascal(spec.id), {
        partitionKey: { name: spec.partitionKey, type: dynamodb.AttributeType.STRING },
        ...(spec.sortKey ? { sortKey: { name: spec.sortKey, type: dynamodb.AttributeType.STRING } } : {}),
        billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
        encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
        encryptionKey: props.encryptionKey,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        ...(spec.expiresAttribute ? { timeToLiveAttribute: spec.expiresAttribute } : {}),
        deletionProtection: props.deletionProtection ?? false,
        removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
      });
      for (const index of spec.indexes ?? [])
        table.addGlobalSecondaryIndex({
          indexName: index.name,
          partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
          sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        });
      created[spec.id] = table;
    }
    this.tables = created as Record<TableId, dynamodb.Table>;
  }

  /** The table of a catalog id; a missing one is a wiring error. */
  table(id: TableId): dynamodb.Table {
    const table = this.tables[id];
    if (!table) throw new Error(`TowerTables: no table ${id}`);
    return table;
  }
}
