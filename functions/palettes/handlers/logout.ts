// POST /auth/logout: the pipeline has authenticated the token; revoking deletes its session.
import { bearerToken } from '#shared/auth/user.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { respond } from '#shared/http/response.ts';
import { logout } from '../app/accounts.ts';
import { logoutContract } from '../contracts.ts';
import { sessionsDeps } from './deps.ts';

export const handler = httpHandler(logoutContract, async ({ event }) => {
  await logout(sessionsDeps(), bearerToken(event));
  return respond(204, undefined);
});
