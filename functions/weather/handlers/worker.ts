// Consumes cities of bulk jobs: fetch through the cache, then settle result + counters + City in one
// transaction (a redelivered message is recognised there and counts nothing); after the batch, finish
// each job whose last city this was.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSHandler, SQSRecord } from 'aws-lambda';
import { BadGatewayError } from '../../../shared/errors.ts';
import { logger } from '../../../shared/logger.ts';
import { SETTLE_UNAVAILABLE_ON_RECEIVE } from '../constants.ts';
import { CityNotFoundError, UpstreamUnavailableError } from '../errors.ts';
import { lookupWeather } from '../lookup.ts';
import { cityMessage } from '../messages.ts';
import { jsonBody } from '../../../shared/queue/json-body.ts';
import { finishIfComplete } from '../store/jobs.ts';
import { settleCity, type Outcome } from '../store/settle.ts';

const processor = new BatchProcessor(EventType.SQS);
const messageBody = jsonBody(cityMessage);

const fetchOutcome = async (city: string, receiveCount: number): Promise<Outcome> => {
  try {
    return { status: 'succeeded', weather: await lookupWeather(city) };
  } catch (error) {
    if (error instanceof CityNotFoundError) return { status: 'failed', error: 'city_not_found' };
    if (error instanceof BadGatewayError) return { status: 'failed', error: 'upstream_error' };
    // Transient: retried with the message, until giving up still leaves the job able to finish.
    if (error instanceof UpstreamUnavailableError && receiveCount >= SETTLE_UNAVAILABLE_ON_RECEIVE) {
      return { status: 'failed', error: 'upstream_unavailable' };
    }
    throw error;
  }
};

/** Jobs of the records parsed in the running invocation (an environment runs one at a time). */
const jobsInBatch = new Set<string>();

const processRecord = async (record: SQSRecord): Promise<void> => {
  const body = messageBody.parse(record.body);
  jobsInBatch.add(body.job_id);
  const outcome = await fetchOutcome(body.city, Number(record.attributes.ApproximateReceiveCount));
  const now = new Date().toISOString();
  if ((await settleCity(body.job_id, body.city_key, body.city, outcome, now)) === 'duplicate') {
    logger.info('city already settled; duplicate delivery counted nothing', { job_id: body.job_id, city: body.city_key });
  }
};

// The finish check runs once per batch and job, after the records. A crash before it fails the whole
// invocation, so the batch comes back (as duplicates) and the check runs then.
export const handler: SQSHandler = async (event, context) => {
  jobsInBatch.clear();
  const response = await processPartialResponse(event, processRecord, processor, { context });
  const now = new Date().toISOString();
  await Promise.all([...jobsInBatch].map((id) => finishIfComplete(id, now)));
  return response;
};
