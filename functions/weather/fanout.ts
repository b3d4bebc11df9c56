// Sends a batch of cities to the worker queue. SendMessageBatch can accept some entries and refuse
// others: only the refused ones are sent again, a bounded number of times.
import { SendMessageBatchCommand, type SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';
import pRetry from 'p-retry';
import { sqsClient } from '../../shared/clients/sqs.ts';
import { queueUrl } from '../../shared/config.ts';
import { CITIES_QUEUE } from './constants.ts';
import type { CityMessage } from './messages.ts';
import type { SplitCity } from './split.ts';

const sqs = sqsClient();
const url = queueUrl(CITIES_QUEUE);

export const sendCities = async (jobId: string, cities: readonly SplitCity[]): Promise<void> => {
  let pending: SendMessageBatchRequestEntry[] = cities.map((c, i) => ({
    Id: String(i),
    MessageBody: JSON.stringify({ job_id: jobId, city_key: c.key, city: c.city } satisfies CityMessage),
  }));
  await pRetry(
    async () => {
      const { Failed = [] } = await sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: pending }));
      if (Failed.length === 0) return;
      const refused = new Set(Failed.map((f) => f.Id));
      pending = pending.filter((e) => refused.has(e.Id));
      throw new Error(`SendMessageBatch refused ${Failed.length} of the job's messages (${Failed[0]?.Code ?? 'unknown'}).`);
    },
    { retries: 3, minTimeout: 100, randomize: true },
  );
};
