// What the relay and the redrive are given, built once per execution environment on first use: the
// formulas queue (and its DLQ) only, so their bundles carry no DynamoDB client (see deps.ts).
import { sqsClient } from '#shared/clients/sqs.ts';
import { queueUrl } from '#shared/config.ts';
import { lazy } from '#shared/lazy.ts';
import type { QueueConfig } from '#shared/queue/config.ts';
import { FORMULAS_QUEUE } from '../constants.ts';
import { deadLetterQueue } from '../store/dlq.ts';
import { formulaQueue } from '../store/queue.ts';

const formulasQueue = (): QueueConfig => ({ sqs: sqsClient(), url: queueUrl(FORMULAS_QUEUE) });

// Marked pure so that a function's bundle keeps only the builder its handler calls.
export const relayDeps = /* @__PURE__ */ lazy(() => ({ queue: formulaQueue(formulasQueue()) }));
export const redriveDeps = /* @__PURE__ */ lazy(() => ({ dlq: deadLetterQueue(formulasQueue()) }));
