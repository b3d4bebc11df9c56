// What stores are built from: config (resource names from the environment the manifest derives) and the
// shared clients. Each handler builds the stores it uses from these once, on first use, with lazy(): so
// importing a handler reads no environment, and a function reads only the variables its manifest entry
// grants. Handlers import each store factory from its own module, not store/index.ts: importing a module
// brings its top-level code (the listings' pagination schemas) into the bundle.
import { documentClient } from '#shared/clients/dynamodb.ts';
import { s3Client } from '#shared/clients/s3.ts';
import { sqsClient } from '#shared/clients/sqs.ts';
import { bucketName, queueUrl, tableName } from '#shared/config.ts';
import { CITIES_QUEUE, IMPORTS_BUCKET } from '../constants.ts';
import type { TableConfig } from '#shared/dynamodb/table.ts';

export const table = (name: string): TableConfig => ({ db: documentClient(), table: tableName(name) });
export const importsBucketConfig = () => ({ s3: s3Client(), bucket: bucketName(IMPORTS_BUCKET) });
export const citiesQueueConfig = () => ({ sqs: sqsClient(), url: queueUrl(CITIES_QUEUE) });
