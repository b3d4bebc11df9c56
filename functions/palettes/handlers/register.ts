// POST /auth/register: hash the password, then create the user and its personal team in one transaction.
import { httpHandler } from '../../../shared/http/handler.ts';
import { respond } from '../../../shared/http/response.ts';
import { registerContract } from '../contracts.ts';
import { hashPassword } from '../domain/passwords.ts';
import { createUser } from '../store/users.ts';

export const handler = httpHandler(registerContract, async ({ body }) => {
  const user = await createUser(body.username, await hashPassword(body.password), new Date().toISOString());
  return respond(201, user);
});
