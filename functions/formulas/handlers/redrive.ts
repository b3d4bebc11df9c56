// POST /formulas/dlq/redrive (api-key): puts dead-lettered formula messages back on the queue, e.g.
// after the cause of their failure has been fixed.
import { httpHandler } from '#shared/http/handler.ts';
import { redrive } from '../app/redrive.ts';
import { redriveContract } from '../contracts.ts';
import { redriveDeps } from './queue-deps.ts';

export const handler = httpHandler(redriveContract, async ({ query }) => redrive(redriveDeps(), query.max));
