// POST /auth/register: hash the password, then create the user and its personal team in one transaction.
// The conditional transaction alone decides who gets a name; the lookup first only spares the scrypt
// work for names already taken (409 reveals that anyway).
import { httpHandler } from '#shared/http/handler.ts';
import { respond } from '#shared/http/response.ts';
import { registerContract } from '../contracts.ts';
import { hashPassword } from '../domain/passwords.ts';
import { createUser, findUser, usernameTaken } from '../store/users.ts';

export const handler = httpHandler(registerContract, async ({ body }) => {
  if (await findUser(body.username)) throw usernameTaken(body.username);
  const user = await createUser(body.username, await hashPassword(body.password), new Date().toISOString());
  return respond(201, user);
});
