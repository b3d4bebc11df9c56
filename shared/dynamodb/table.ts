import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** A table and the client that reaches it: what every store is built from (by its handler, from config). */
export interface TableConfig {
  readonly db: DynamoDBDocumentClient;
  readonly table: string;
}
