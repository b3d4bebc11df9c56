// Consumes the bucket's ObjectCreated notifications: streams each CSV into distinct cities, upserts
// them and fans them out to the worker queue, then records the job's total. Safe to redeliver: a job
// already split is skipped, a split cut short is redone and the workers ignore cities already settled.
import { EventType } from '@aws-lambda-powertools/batch';
import type { SQSEvent, SQSHandler, SQSRecord } from 'aws-lambda';
import { logger } from '#shared/logger.ts';
import { jsonText } from '#shared/json-text.ts';
import { batchConsumer } from '#shared/queue/consumer.ts';
import { splitImport } from '../app/split-import.ts';
import { s3Notification } from '../domain/messages.ts';
import { jobIdOfKey } from '../domain/import-key.ts';
import { splitterDeps } from './deps.ts';

const messageBody = jsonText(s3Notification);

const processRecord = async (record: SQSRecord): Promise<void> => {
  for (const { s3 } of messageBody.parse(record.body).Records) {
    // Keys arrive form-encoded (a space is '+'): decode before use.
    const key = decodeURIComponent(s3.object.key.replaceAll('+', ' '));
    const jobId = jobIdOfKey(key);
    if (!jobId) {
      logger.warn('object is not an import; ignored', { bucket: s3.bucket.name, key });
      continue;
    }
    // The imports bucket is the only one notifying this queue: the object is read from the configured one.
    await splitImport(splitterDeps(), jobId, key);
  }
};

// S3 sends no request id: the job item holds it, and splitImport takes it from there.
export const handler: SQSHandler = batchConsumer<SQSRecord, SQSEvent>(EventType.SQS, processRecord, {
  identify: (record) => ({ correlationId: undefined, ids: { message_id: record.messageId } }),
});
