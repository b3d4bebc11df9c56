import type { SQSClient } from '@aws-sdk/client-sqs';

/** A queue and the client that reaches it: what every queue store is built from (by its handler, from config). */
export interface QueueConfig {
  readonly sqs: SQSClient;
  readonly url: string;
}
