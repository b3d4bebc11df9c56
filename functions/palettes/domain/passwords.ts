// Password hashing with scrypt (node:crypto). The parameters travel inside each stored hash, so they
// can be raised later without invalidating existing accounts: `scrypt$N$r$p$salt$hash` (base64url).
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** 32 MiB and ~0.1-0.2 s per hash: costly to brute-force, affordable at sign-in on 512 MB Lambdas. */
export const SCRYPT_PARAMS: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
const SALT_BYTES = 16;
const KEY_BYTES = 32;

const derive = (password: string, salt: Buffer, { N, r, p }: ScryptParams): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    // scrypt needs 128 * N * r bytes; the default 32 MiB cap is exactly that and refuses it.
    scrypt(password, salt, KEY_BYTES, { N, r, p, maxmem: 256 * N * r }, (err, key) => (err ? reject(err) : resolve(key)));
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
