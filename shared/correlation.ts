// One id per request: API Gateway's request id (the `apigw-requestid` response header) is the
// correlation id of every log line the request causes. The HTTP pipeline sets it; what the request
// writes for later work carries it (a stored item, a job, an SQS message attribute); each consumer
// sets it again for the record it handles (shared/queue/consumer.ts).
import type { MessageAttributeValue } from '@aws-sdk/client-sqs';
import type { DynamoDBRecord, SQSRecord } from 'aws-lambda';
import { logger } from './logger.ts';

/** The SQS message attribute, and the item attribute, that carry the id. */
export const CORRELATION_ATTRIBUTE = 'correlation_id';

/** The id on the log lines being written now (undefined outside a request's work). */
export const correlationId = (): string | undefined => {
  const id = logger.getCorrelationId();
  return typeof id === 'string' ? id : undefined;
};

/** Message attributes carrying `id` (by default the current one); none without an id. */
export const correlationAttributes = (
  id: string | undefined = correlationId(),
): Record<string, MessageAttributeValue> | undefined =>
  id ? { [CORRELATION_ATTRIBUTE]: { DataType: 'String', StringValue: id } } : undefined;

/** The id stored on the item a stream record's write created or changed, if any. */
export const correlationOfStreamRecord = (record: DynamoDBRecord): string | undefined =>
  record.dynamodb?.NewImage?.[CORRELATION_ATTRIBUTE]?.S;

/** The id an SQS record's sender attached, if any. */
export const correlationOfMessage = (record: SQSRecord): string | undefined =>
  record.messageAttributes?.[CORRELATION_ATTRIBUTE]?.stringValue;
