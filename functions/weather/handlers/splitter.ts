// Consumes the bucket's ObjectCreated notifications: streams each CSV into distinct cities, upserts
// them and fans them out to the worker queue, then records the job's total. Safe to redeliver: a job
// already split is skipped, a split cut short is redone and the workers ignore cities already settled.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSHandler, SQSRecord } from 'aws-lambda';
import { logger } from '#shared/logger.ts';
import { jsonBody } from '#shared/queue/json-body.ts';
import { s3Notification } from '../messages.ts';
import { jobIdOfKey } from '../jobs.ts';
import { splitImport } from '../split-import.ts';

const processor = new BatchProcessor(EventType.SQS);
const messageBody = jsonBody(s3Notification);

const processRecord = async (record: SQSRecord): Promise<void> => {
  for (const { s3 } of messageBody.parse(record.body).Records) {
    // Keys arrive form-encoded (a space is '+'): decode before use.
    const key = decodeURIComponent(s3.object.key.replaceAll('+', ' '));
    const jobId = jobIdOfKey(key);
    if (!jobId) {
      logger.warn('object is not an import; ignored', { bucket: s3.bucket.name, key });
      continue;
    }
    await splitImport(jobId, s3.bucket.name, key);
  }
};

export const handler: SQSHandler = async (event, context) => processPartialResponse(event, processRecord, processor, { context });
