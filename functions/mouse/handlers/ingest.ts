// POST /mouse/sessions/{sessionId}/events: a validated batch goes to the session's FIFO group; 202.
import { httpHandler } from '#shared/http/handler.ts';
import { respond } from '#shared/http/response.ts';
import { ingestBatch } from '../app/ingest.ts';
import { LIMITS } from '../constants.ts';
import { ingestContract } from '../contracts.ts';
import { eventsDeps } from './deps.ts';

export const handler = httpHandler(
  ingestContract,
  async ({ params, body }) => respond(202, await ingestBatch(eventsDeps(), params.sessionId, body)),
  { maxBodyBytes: LIMITS.maxBodyBytes },
);
