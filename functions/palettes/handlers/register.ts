// POST /auth/register: the user and its personal team, created in one transaction.
import { httpHandler } from '#shared/http/handler.ts';
import { respond } from '#shared/http/response.ts';
import { register } from '../app/accounts.ts';
import { registerContract } from '../contracts.ts';
import { palettesDeps } from './deps.ts';

export const handler = httpHandler(registerContract, async ({ body }) =>
  respond(201, await register(palettesDeps(), body)),
);
