// One import, from the object in S3 to the job's total.
import { NoSuchKey } from '@aws-sdk/client-s3';
import { logger } from '#shared/logger.ts';
import { LIMITS } from '../constants.ts';
import { slices } from '../domain/slices.ts';
import { splitCsv } from '../domain/split-csv.ts';
import { MissingCityColumnError } from '../errors.ts';
import type { ChunkQueue, CitiesStore, ImportsBucket, JobsStore } from '../store/index.ts';

interface SplitDeps {
  readonly jobs: JobsStore;
  readonly imports: ImportsBucket;
  readonly cities: CitiesStore;
  readonly chunks: ChunkQueue;
}

export const splitImport = async (
  { jobs, imports, cities, chunks }: SplitDeps,
  jobId: string,
  key: string,
): Promise<void> => {
  const now = new Date().toISOString();
  const job = await jobs.startSplit(jobId, now);
  if (!job) {
    logger.info('job unknown, finished or already split; notification ignored', { job_id: jobId });
    return;
  }
  // The notification carries no request id; the job does: from here on, the lines are the job's.
  if (job.correlationId) logger.setCorrelationId(job.correlationId);
  try {
    const result = await splitCsv(await imports.read(key), {
      // One SendMessageBatch of full chunks at a time.
      batchSize: LIMITS.chunkCities * LIMITS.sqsBatch,
      keepRejected: LIMITS.rejectedExamples,
      concurrency: LIMITS.splitConcurrency,
      onBatch: async (batch) => {
        // Cities first, so a City exists for every city a worker may settle; known ones bring their place.
        const places = await cities.upsert(batch, now);
        const batchChunks = slices(batch, LIMITS.chunkCities).map((chunk) =>
          chunk.map(({ key: cityKey, city }) => {
            const place = places.get(cityKey);
            return place ? { city, place } : { city };
          }),
        );
        await chunks.send(jobId, batchChunks, job.correlationId);
      },
    });
    await jobs.finishSplit(jobId, result.total, result.rejects.count, result.rejects.examples);
    logger.info('split', {
      job_id: jobId,
      total: result.total,
      duplicates: result.duplicates,
      rejected: result.rejects.count,
    });
  } catch (error) {
    // A file that can never be split fails its job; anything else is retried with the message.
    if (error instanceof MissingCityColumnError || error instanceof NoSuchKey) {
      await jobs.fail(jobId, error.message, new Date().toISOString());
      return;
    }
    throw error;
  }
  // Workers may all have finished before the total was known.
  await jobs.finishIfComplete(jobId, new Date().toISOString());
};
