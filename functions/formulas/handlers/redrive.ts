// POST /formulas/dlq/redrive (api-key): puts dead-lettered formula messages back on the queue, e.g.
// after the cause of their failure has been fixed.
import { sqsClient } from '#shared/clients/sqs.ts';
import { queueUrl } from '#shared/config.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { lazy } from '#shared/lazy.ts';
import { redrive } from '../app/redrive.ts';
import { FORMULAS_QUEUE } from '../constants.ts';
import { redriveContract } from '../contracts.ts';
import { deadLetterQueue } from '../store/dlq.ts';

const deps = lazy(() => ({ dlq: deadLetterQueue({ sqs: sqsClient(), url: queueUrl(FORMULAS_QUEUE) }) }));

export const handler = httpHandler(redriveContract, async ({ query }) => redrive(deps(), query.max));
