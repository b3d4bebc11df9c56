// POST /mouse/sessions/{sessionId}/events: a validated batch goes to the session's FIFO group; 202.
import { httpHandler } from '#shared/http/handler.ts';
import { respond } from '#shared/http/response.ts';
import { LIMITS } from '../constants.ts';
import { ingestContract } from '../contracts.ts';
import { enqueueBatch } from '../queue.ts';

export const handler = httpHandler(
  ingestContract,
  async ({ params, body }) => {
    await enqueueBatch({ session_id: params.sessionId, seq: body.seq, events: body.events, received_at: new Date().toISOString() });
    return respond(202, { accepted: body.events.length, seq: body.seq });
  },
  { maxBodyBytes: LIMITS.maxBodyBytes },
);
