// POST /auth/logout: the pipeline has authenticated the token; revoking deletes its session.
import { bearerToken, hashToken } from '#shared/auth/user.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { respond } from '#shared/http/response.ts';
import { logoutContract } from '../contracts.ts';
import { revokeSession } from '../store/sessions.ts';

export const handler = httpHandler(logoutContract, async ({ event }) => {
  await revokeSession(hashToken(bearerToken(event)));
  return respond(204, undefined);
});
