// The tables and queues the store's functions take: built once per environment by the handlers.
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface TableConfig {
  readonly db: DynamoDBDocumentClient;
  readonly table: string;
}

export interface QueueConfig {
  readonly sqs: SQSClient;
  readonly url: string;
}
