// How each store is built from config and the shared clients. A handler keeps the ones it uses with
// lazy() (built on first use, once per execution environment), so a function reads only the variables
// its manifest entry grants and bundles only the stores it uses. The provider is built by the two
// handlers that call it (get-weather, worker): its module's schemas would otherwise ride along here.
import { documentClient } from '#shared/clients/dynamodb.ts';
import { s3Client } from '#shared/clients/s3.ts';
import { sqsClient } from '#shared/clients/sqs.ts';
import { bucketName, queueUrl, tableName } from '#shared/config.ts';
import { CACHE_TABLE, CITIES_QUEUE, CITIES_TABLE, HISTORY_TABLE, IMPORTS_BUCKET, JOBS_TABLE } from '../constants.ts';
// The store modules themselves, not store/index.ts: importing the barrel would bring every store
// module's top-level code (the pagination schemas of the listings) into every function.
import { cacheBatches, cacheStore } from '../store/cache.ts';
import { chunkQueue } from '../store/chunk-queue.ts';
import { citiesStore } from '../store/cities.ts';
import { historyPages, historyStore } from '../store/history.ts';
import { importsBucket, importUploads } from '../store/imports.ts';
import { jobReader, jobsStore } from '../store/jobs.ts';
import { readiness } from '../store/readiness.ts';
import { resultsStore } from '../store/results.ts';
import { settleStore } from '../store/settle.ts';

const table = (name: string) => ({ db: documentClient(), table: tableName(name) });
const bucket = () => ({ s3: s3Client(), bucket: bucketName(IMPORTS_BUCKET) });

export const cache = () => cacheStore(table(CACHE_TABLE));
export const cacheMany = () => cacheBatches(table(CACHE_TABLE));
export const history = () => historyStore(table(HISTORY_TABLE));
export const historyList = () => historyPages(table(HISTORY_TABLE));
export const cities = () => citiesStore(table(CITIES_TABLE));
export const jobs = () => jobsStore(table(JOBS_TABLE));
export const jobReads = () => jobReader(table(JOBS_TABLE));
export const results = () => resultsStore(table(JOBS_TABLE));
export const settler = () => settleStore({ ...table(JOBS_TABLE), cities: cities() });
export const chunks = () => chunkQueue({ sqs: sqsClient(), url: queueUrl(CITIES_QUEUE) });
export const imports = () => importsBucket(bucket());
export const uploads = () => importUploads(bucket());
export const probes = () => readiness({ ...table(CACHE_TABLE), sqs: sqsClient(), queueUrl: queueUrl(CITIES_QUEUE) });
