// Accounts and sign-in: the use cases of the /auth routes and /me.
import { hashToken, type UserPrincipal } from '#shared/auth/user.ts';
import { metrics, MetricUnit } from '#shared/metrics.ts';
import { METRICS, SESSION_TTL_SECONDS } from '../constants.ts';
import type { User } from '../domain/entities.ts';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../domain/passwords.ts';
import { secondsLeft, SIGN_IN_BACKOFF } from '../domain/sign-in-backoff.ts';
import { issueToken } from '../domain/tokens.ts';
import { invalidCredentialsError, signInBackoffError, usernameTakenError, userGoneError } from '../errors.ts';
import {
  clearFailures,
  createSession,
  createUser,
  failureKeys,
  findUser,
  readFailures,
  recordFailure,
  revokeSession,
  type TableConfig,
  toUser,
} from '../store/index.ts';
import type { PalettesDeps } from './access.ts';

export interface SessionsDeps {
  readonly sessions: TableConfig;
}

export interface SignInDeps extends SessionsDeps {
  /** Failed sign-ins per account and per source (store/sign-in-failures.ts). */
  readonly failures: TableConfig;
}

/**
 * Hashes the password, then creates the user and its personal team in one transaction. The conditional
 * transaction alone decides who gets a name; the lookup first only spares the scrypt work for names
 * already taken (409 reveals that anyway).
 */
export const register = async (
  deps: PalettesDeps,
  { username, password }: { username: string; password: string },
): Promise<User> => {
  if (await findUser(deps.palettes, username)) throw usernameTakenError(username);
  const user = await createUser(deps.palettes, username, await hashPassword(password), new Date().toISOString());
  metrics.addMetric(METRICS.signUps, MetricUnit.Count, 1);
  return user;
};

/**
 * A new session for the user: the same 401, after the same scrypt work, for an unknown user and a wrong
 * password. While the account or the source has failed too often (domain/sign-in-backoff.ts) every
 * attempt gets the same 429, before any password work, known user or not.
 */
export const login = async (
  deps: PalettesDeps & SignInDeps,
  { username, password }: { username: string; password: string },
  sourceIp: string,
) => {
  const keys = failureKeys(username, sourceIp);
  const [account, source] = await Promise.all([
    readFailures(deps.failures, keys.account),
    readFailures(deps.failures, keys.source),
  ]);
  const wait = Math.max(
    secondsLeft(SIGN_IN_BACKOFF.account, account, Date.now()),
    secondsLeft(SIGN_IN_BACKOFF.source, source, Date.now()),
  );
  if (wait > 0) throw signInBackoffError(wait);
  const user = await findUser(deps.palettes, username);
  // Verifying against a dummy hash when the user is unknown keeps both failures equally slow.
  const valid = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !valid) {
    const failedAt = Date.now();
    await Promise.all([keys.account, keys.source].map((key) => recordFailure(deps.failures, key, failedAt)));
    metrics.addMetric(METRICS.failedSignIns, MetricUnit.Count, 1);
    throw invalidCredentialsError();
  }
  // Only the account's count: a guesser's own successful sign-ins must not reopen their address.
  await clearFailures(deps.failures, keys.account);
  const now = new Date();
  const issued = issueToken(now, SESSION_TTL_SECONDS);
  await createSession(deps.sessions, {
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
};

/** Revokes the session of the (already authenticated) bearer token. */
export const logout = (deps: SessionsDeps, token: string): Promise<void> =>
  revokeSession(deps.sessions, hashToken(token));

export const me = async (deps: PalettesDeps, principal: UserPrincipal): Promise<User> => {
  const user = await findUser(deps.palettes, principal.username);
  if (!user) throw userGoneError();
  return toUser(user);
};
