// DynamoDB tables from the manifest: on demand, point-in-time recovery, GSIs, streams and TTL.
import type { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { KeyDef, TableDef } from '#model/manifest.ts';

const attribute = (key: KeyDef) => ({
  name: key.name,
  type: key.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER,
});
const optionalAttribute = (key: KeyDef | undefined) => (key ? attribute(key) : undefined);

export class Tables extends Construct {
  readonly byName = new Map<string, Table>();

  constructor(scope: Construct, id: string, defs: readonly TableDef[], removalPolicy: RemovalPolicy) {
    super(scope, id);
    for (const def of defs) {
      const table = new Table(this, def.name, {
        partitionKey: attribute(def.partitionKey),
        sortKey: optionalAttribute(def.sortKey),
        billingMode: BillingMode.PAY_PER_REQUEST,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        stream: def.stream ? StreamViewType[def.stream] : undefined,
        timeToLiveAttribute: def.ttlAttribute,
        removalPolicy,
      });
      for (const index of def.indexes ?? []) {
        table.addGlobalSecondaryIndex({
          indexName: index.name,
          partitionKey: attribute(index.partitionKey),
          sortKey: optionalAttribute(index.sortKey),
        });
      }
      this.byName.set(def.name, table);
    }
  }
}
