import { UnauthorizedError } from '#shared/errors.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { meContract } from '../contracts.ts';
import { toUser } from '../store/items.ts';
import { findUser } from '../store/users.ts';

export const handler = httpHandler(meContract, async ({ principal }) => {
  const user = await findUser(principal.username);
  // Users are never deleted; a session outliving its user would be a data repair, not a 404.
  if (!user) throw new UnauthorizedError('The user of this token no longer exists.', 'invalid_token');
  return toUser(user);
});
