// POST /auth/login: the same 401, after the same scrypt work, for an unknown user and a wrong password.
import { httpHandler } from '#shared/http/handler.ts';
import { login } from '../app/accounts.ts';
import { loginContract } from '../contracts.ts';
import { palettesDeps, sessionsDeps } from './deps.ts';

export const handler = httpHandler(loginContract, async ({ body }) =>
  login({ ...palettesDeps(), ...sessionsDeps() }, body),
);
