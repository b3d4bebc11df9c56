// One import, from the object in S3 to the job's total.
import type { Readable } from 'node:stream';
import { GetObjectCommand, NoSuchKey } from '@aws-sdk/client-s3';
import { s3Client } from '#shared/clients/s3.ts';
import { logger } from '#shared/logger.ts';
import { LIMITS } from './constants.ts';
import { slices } from './domain/slices.ts';
import { sendChunks } from './fanout.ts';
import { MissingCityColumnError, splitCsv } from './split.ts';
import { upsertCities } from './store/cities.ts';
import { failJob, finishIfComplete, finishSplit, startSplit } from './store/jobs.ts';

const s3 = s3Client();

export const splitImport = async (jobId: string, bucket: string, key: string): Promise<void> => {
  const now = new Date().toISOString();
  if (!(await startSplit(jobId, now))) {
    logger.info('job unknown, finished or already split; notification ignored', { job_id: jobId });
    return;
  }
  try {
    const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const result = await splitCsv(Body as Readable, {
      // One SendMessageBatch of full chunks at a time.
      batchSize: LIMITS.chunkCities * LIMITS.sqsBatch,
      keepRejected: LIMITS.rejectedExamples,
      concurrency: LIMITS.splitConcurrency,
      onBatch: async (batch) => {
        // Cities first, so a City exists for every city a worker may settle; known ones bring their place.
        const places = await upsertCities(batch, now);
        const chunks = slices(batch, LIMITS.chunkCities).map((chunk) =>
          chunk.map(({ key: cityKey, city }) => {
            const place = places.get(cityKey);
            return place ? { city, place } : { city };
          }),
        );
        await sendChunks(jobId, chunks);
      },
    });
    await finishSplit(jobId, result.total, result.rejects.count, result.rejects.examples);
    logger.info('split', { job_id: jobId, total: result.total, duplicates: result.duplicates, rejected: result.rejects.count });
  } catch (error) {
    // A file that can never be split fails its job; anything else is retried with the message.
    if (error instanceof MissingCityColumnError || error instanceof NoSuchKey) {
      await failJob(jobId, error.message, new Date().toISOString());
      return;
    }
    throw error;
  }
  // Workers may all have finished before the total was known.
  await finishIfComplete(jobId, new Date().toISOString());
};
