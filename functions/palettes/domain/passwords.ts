// Password hashing with scrypt (node:crypto). The parameters travel inside each stored hash, so they
// can be raised later without invalidating existing accounts: `scrypt$N$r$p$salt$hash` (base64url).
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * The scrypt paper's interactive-login setting: 16 MiB (128 * N * r) and ~50 ms of one core per hash,
 * so every guess costs an attacker the same memory and time. N = 2^15 doubles both; it was not chosen
 * because sign-in and sign-up run on small Lambdas and the sandbox shares two cores.
 */
export const SCRYPT_PARAMS: ScryptParams = { N: 2 ** 14, r: 8, p: 1 };
const SALT_BYTES = 16;
const KEY_BYTES = 32;

const derive = (password: string, salt: Buffer, { N, r, p }: ScryptParams): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    // scrypt needs 128 * N * r bytes plus a little; the 32 MiB default cap is too tight for larger N.
    scrypt(password, salt, KEY_BYTES, { N, r, p, maxmem: 256 * N * r }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });

const format = ({ N, r, p }: ScryptParams, salt: Buffer, key: Buffer): string =>
  ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');

export const hashPassword = async (password: string, params: ScryptParams = SCRYPT_PARAMS): Promise<string> => {
  const salt = randomBytes(SALT_BYTES);
  return format(params, salt, await derive(password, salt, params));
};

/** Same parameters as a real hash, so verifying against it costs the same; no password matches it. */
export const DUMMY_HASH = format(SCRYPT_PARAMS, Buffer.alloc(SALT_BYTES), Buffer.alloc(KEY_BYTES));

/** True when `password` produced `stored`; compares in constant time. Malformed hashes never match. */
export const verifyPassword = async (password: string, stored: string): Promise<boolean> => {
  const [scheme, N, r, p, salt, key, extra] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key || extra !== undefined) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(N), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
};
