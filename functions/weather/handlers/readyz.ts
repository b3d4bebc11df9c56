// Ready when the dependencies answer: a read of the cache table and the worker queue's attributes.
// A failure surfaces through the pipeline's mapping of unavailable dependencies (503).
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#shared/clients/dynamodb.ts';
import { sqsClient } from '#shared/clients/sqs.ts';
import { queueUrl, tableName } from '#shared/config.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { CACHE_TABLE, CITIES_QUEUE } from '../constants.ts';
import { readyzContract } from '../contracts.ts';

const table = tableName(CACHE_TABLE);
const queue = queueUrl(CITIES_QUEUE);

export const handler = httpHandler(readyzContract, async () => {
  await Promise.all([
    documentClient().send(new GetCommand({ TableName: table, Key: { city_key: '__readyz__' } })),
    sqsClient().send(new GetQueueAttributesCommand({ QueueUrl: queue, AttributeNames: ['ApproximateNumberOfMessages'] })),
  ]);
  return { status: 'ready' as const, checks: { dynamodb: 'ok' as const, sqs: 'ok' as const } };
});
