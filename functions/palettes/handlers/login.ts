// POST /auth/login: the same 401, after the same scrypt work, for an unknown user and a wrong password.
import { UnauthorizedError } from '#shared/errors.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { SESSION_TTL_SECONDS } from '../constants.ts';
import { loginContract } from '../contracts.ts';
import { DUMMY_HASH, verifyPassword } from '../domain/passwords.ts';
import { issueToken } from '../domain/tokens.ts';
import { toUser } from '../store/items.ts';
import { createSession } from '../store/sessions.ts';
import { findUser } from '../store/users.ts';

export const handler = httpHandler(loginContract, async ({ body }) => {
  const user = await findUser(body.username);
  // Verifying against a dummy hash when the user is unknown keeps both failures equally slow.
  const valid = await verifyPassword(body.password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !valid) throw new UnauthorizedError('Wrong username or password.', 'invalid_credentials');
  const now = new Date();
  const issued = issueToken(now, SESSION_TTL_SECONDS);
  await createSession({
    token_hash: issued.hash,
    user_id: user.id,
    username: user.username,
    expires_at: issued.expiresAt,
    created_at: now.toISOString(),
  });
  return {
    token: issued.token,
    token_type: 'Bearer' as const,
    expires_at: new Date(issued.expiresAt * 1000).toISOString(),
    user: toUser(user),
  };
});
