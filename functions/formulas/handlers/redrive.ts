// POST /formulas/dlq/redrive (api-key): puts dead-lettered formula messages back on the queue, e.g.
// after the cause of their failure has been fixed.
import { httpHandler } from '#shared/http/handler.ts';
import { redriveContract } from '../contracts.ts';
import { redrive } from '../dlq.ts';

export const handler = httpHandler(redriveContract, async ({ query }) => redrive(query.max));
