// The weather service's data access: one small interface per store and a factory that takes its
// config and clients (handlers build them from handlers/deps.ts; tests may pass fakes). Split by what
// a function uses, not only by table: a function's bundle holds every method of the stores it builds.
// app/ takes its types from here; handlers import each factory from its own module (see deps.ts).
export {
  cacheBatches,
  cacheStore,
  type CacheBatches,
  type CachedObservation,
  type CacheStore,
  type Lookup,
} from './cache.ts';
export { chunkQueue, type ChunkQueue } from './chunk-queue.ts';
export { citiesStore, type CitiesStore } from './cities.ts';
export { historyPages, historyStore, type HistoryPages, type HistoryStore } from './history.ts';
export { importsBucket, importUploads, type ImportsBucket, type ImportUploads } from './imports.ts';
export {
  jobIntake,
  jobReader,
  jobsStore,
  type JobIntake,
  type JobItem,
  type JobReader,
  type JobsStore,
} from './jobs.ts';
export { quotaStateReader, type QuotaStateReader } from './quota-state.ts';
export { readiness, type Readiness } from './readiness.ts';
export { resultsStore, type ResultsStore } from './results.ts';
export { settleStore, type Settlement, type SettleStore } from './settle.ts';
