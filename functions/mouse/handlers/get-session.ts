import { NotFoundError } from '#shared/errors.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { sessionContract } from '../contracts.ts';
import { totalsOf } from '../domain/session.ts';
import { getSession } from '../store/sessions.ts';

export const handler = httpHandler(sessionContract, async ({ params }) => {
  const state = await getSession(params.sessionId);
  if (!state) throw new NotFoundError(`No aggregated batch for session '${params.sessionId}' yet.`, 'session_not_found');
  return totalsOf(state);
});
