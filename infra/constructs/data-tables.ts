import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, ProjectionType, StreamViewType, TableEncryptionV2, TableV2, type WarmThroughput } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLES, TableDefinition, TableName } from '../../shared/data/table-schema';

export interface DataTablesProps {
  /**
   * Units per second a table serves at once (context `tableWarmWrites`, e.g.
   * `codes=40000,students=20000/24000`: writes, and reads after a slash), for districts that run
   * Reset All at scale: a new on-demand table starts at 4,000 writes and 12,000 reads and grows
   * with use (DynamoDB Developer Guide, "Understanding DynamoDB warm throughput"), so a first
   * whole-district reset would be throttled to that. Pre-warming is billed (DynamoDB pricing) and
   * can only be raised, never lowered; see docs/benchmarks.md for what a million students need.
   */
  warmThroughput?: Partial<Record<TableName, { writes: number; reads?: number }>>;
}

/**
 * Every table of the service, built from the shared definitions the local runtime also uses.
 * Stateful, so: on-demand, point-in-time recovery, deletion protection, retained when the
 * stack is deleted.
 */
export class DataTables extends Construct {
  readonly tables: Record<TableName, TableV2>;

  constructor(scope: Construct, id: string, props: DataTablesProps = {}) {
    super(scope, id);
    this.tables = Object.fromEntries(
      (Object.entries(TABLES) as [TableName, TableDefinition][]).map(([name, definition]) => {
        const warm = props.warmThroughput?.[name];
        return [name, this.build(name, definition, warm ? { writeUnitsPerSecond: warm.writes, ...(warm.reads ? { readUnitsPerSecond: warm.reads } : {}) } : undefined)];
      }),
    ) as Record<TableName, TableV2>;
  }

  private build(name: TableName, definition: TableDefinition, warmThroughput?: WarmThroughput): TableV2 {
    const key = (attribute: string) => ({ name: attribute, type: AttributeType.STRING });
    return new TableV2(this, `${name}-table`, {
      partitionKey: key(definition.partitionKey),
      sortKey: definition.sortKey ? key(definition.sortKey) : undefined,
      billing: Billing.onDemand(),
      warmThroughput,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      encryption: TableEncryptionV2.awsManagedKey(),
      timeToLiveAttribute: definition.ttlAttribute,
      dynamoStream: definition.streamNewItems ? StreamViewType.NEW_IMAGE : undefined,
      globalSecondaryIndexes: Object.entries(definition.indexes).map(([indexName, index]) => ({
        indexName,
        partitionKey: key(index.partitionKey),
        sortKey: index.sortKey ? key(index.sortKey) : undefined,
        projectionType:
          index.projection === 'all' ? ProjectionType.ALL : index.projection === 'keys' ? ProjectionType.KEYS_ONLY : ProjectionType.INCLUDE,
        nonKeyAttributes: Array.isArray(index.projection) ? [...index.projection] : undefined,
      })),
    });
  }
}
