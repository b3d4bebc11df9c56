// What the weather use cases are given, built once per execution environment on first use (so importing a
// handler reads no environment). One builder per kind of function, each with only the stores its use case
// calls: a function reads only the variables its manifest entry grants, and its bundle holds every method
// of the stores it builds. Store factories come from their own modules, not store/index.ts: importing a
// module brings its top-level code (the listings' pagination schemas) into the bundle.
import { documentClient } from '#shared/clients/dynamodb.ts';
import { s3Client } from '#shared/clients/s3.ts';
import { sqsClient } from '#shared/clients/sqs.ts';
import { bucketName, queueUrl, tableName } from '#shared/config.ts';
import type { TableConfig } from '#shared/dynamodb/table.ts';
import { lazy } from '#shared/lazy.ts';
import { CACHE_TABLE, CITIES_QUEUE, CITIES_TABLE, HISTORY_TABLE, IMPORTS_BUCKET, JOBS_TABLE } from '../constants.ts';
import { chunkQueue } from '../store/chunk-queue.ts';
import { citiesStore } from '../store/cities.ts';
import { historyPages, historyStore } from '../store/history.ts';
import { importsBucket, importUploads } from '../store/imports.ts';
import { jobIntake, jobReader, jobsStore } from '../store/jobs.ts';
import { readiness } from '../store/readiness.ts';
import { resultsStore } from '../store/results.ts';

export const table = (name: string): TableConfig => ({ db: documentClient(), table: tableName(name) });
const importsBucketConfig = () => ({ s3: s3Client(), bucket: bucketName(IMPORTS_BUCKET) });
export const citiesQueueConfig = () => ({ sqs: sqsClient(), url: queueUrl(CITIES_QUEUE) });

// Marked pure so that a function's bundle keeps only the builder its handler calls.

export const historyDeps = /* @__PURE__ */ lazy(() => ({ history: historyStore(table(HISTORY_TABLE)) }));
export const historyPagesDeps = /* @__PURE__ */ lazy(() => ({ history: historyPages(table(HISTORY_TABLE)) }));
export const readinessDeps = /* @__PURE__ */ lazy(() => ({
  readiness: readiness({ ...table(CACHE_TABLE), ...citiesQueueConfig() }),
}));
export const importDeps = /* @__PURE__ */ lazy(() => ({
  jobs: jobIntake(table(JOBS_TABLE)),
  imports: importsBucket(importsBucketConfig()),
}));
export const uploadDeps = /* @__PURE__ */ lazy(() => ({
  jobs: jobIntake(table(JOBS_TABLE)),
  uploads: importUploads(importsBucketConfig()),
}));
export const jobDeps = /* @__PURE__ */ lazy(() => ({ jobs: jobReader(table(JOBS_TABLE)) }));
export const jobResultsDeps = /* @__PURE__ */ lazy(() => ({
  jobs: jobReader(table(JOBS_TABLE)),
  results: resultsStore(table(JOBS_TABLE)),
}));
export const splitterDeps = /* @__PURE__ */ lazy(() => ({
  jobs: jobsStore(table(JOBS_TABLE)),
  imports: importsBucket(importsBucketConfig()),
  cities: citiesStore(table(CITIES_TABLE)),
  chunks: chunkQueue(citiesQueueConfig()),
}));
