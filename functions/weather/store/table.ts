import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** What every table store is built from: the client and the table's name (from config, never read here). */
export interface TableConfig {
  readonly db: DynamoDBDocumentClient;
  readonly table: string;
}
