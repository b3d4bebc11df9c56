// POST /auth/login: the same 401, after the same scrypt work, for an unknown user and a wrong password;
// the same 429 for both while their account or source address is backing off.
import { httpHandler } from '#shared/http/handler.ts';
import { login } from '../app/accounts.ts';
import { loginContract } from '../contracts.ts';
import { palettesDeps, signInDeps } from './deps.ts';

export const handler = httpHandler(loginContract, async ({ body, event }) =>
  login({ ...palettesDeps(), ...signInDeps() }, body, event.requestContext.http.sourceIp),
);
