import { randomBytes } from 'node:crypto';
import { hashToken } from '#shared/auth/user.ts';

export interface IssuedToken {
  /** Given to the client once; never stored. */
  readonly token: string;
  /** SHA-256 of the token: the only form the store keeps. */
  readonly hash: string;
  /** Epoch seconds. */
  readonly expiresAt: number;
}

/** A fresh 256-bit bearer token valid for `ttlSeconds` from `now`. */
export const issueToken = (now: Date, ttlSeconds: number): IssuedToken => {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token), expiresAt: Math.floor(now.getTime() / 1000) + ttlSeconds };
};
