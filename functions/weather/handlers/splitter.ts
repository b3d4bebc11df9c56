// Consumes the bucket's ObjectCreated notifications: streams each CSV into distinct cities, upserts
// them and fans them out to the worker queue, then records the job's total. Safe to redeliver: a job
// already split is skipped, a split cut short is redone and the workers ignore cities already settled.
import { BatchProcessor, EventType, processPartialResponse, type ParsedRecord } from '@aws-lambda-powertools/batch';
import { parser } from '@aws-lambda-powertools/batch/parser';
import type { SQSHandler, SQSRecord } from 'aws-lambda';
import type { z } from 'zod';
import { logger } from '../../../shared/logger.ts';
import { s3Notification } from '../messages.ts';
import { jobIdOfKey } from '../jobs.ts';
import { splitImport } from '../split-import.ts';

const processor = new BatchProcessor(EventType.SQS, { parser, innerSchema: s3Notification, transformer: 'json', logger });

const processRecord = async ({ body }: ParsedRecord<SQSRecord, z.infer<typeof s3Notification>>): Promise<void> => {
  for (const { s3 } of body.Records) {
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
