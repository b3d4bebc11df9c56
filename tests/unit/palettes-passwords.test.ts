import { describe, expect, it } from 'vitest';
import { DUMMY_HASH, hashPassword, SCRYPT_PARAMS, verifyPassword } from '#functions/palettes/domain/passwords.ts';

// Cheap parameters for the behaviour tests; the real cost is checked once.
const fast = { N: 2 ** 10, r: 8, p: 1 };

describe('Function: hashPassword()', () => {
  it('uses scrypt with N = 2^14, r = 8, p = 1 by default, recorded in the hash', async () => {
    expect(SCRYPT_PARAMS).toEqual({ N: 2 ** 14, r: 8, p: 1 });
    expect(await hashPassword('correct horse battery')).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
  });

  it('salts each hash: the same password hashes differently twice', async () => {
    const [one, two] = await Promise.all([hashPassword('same password', fast), hashPassword('same password', fast)]);

    expect(one).not.toBe(two);
    expect(one.split('$')[4]).not.toBe(two.split('$')[4]);
  });
});

describe('Function: verifyPassword()', () => {
  it('accepts the password a hash was made from, with the parameters stored in the hash', async () => {
    expect(await verifyPassword('correct horse battery', await hashPassword('correct horse battery', fast))).toBe(true);
  });

  it('rejects any other password', async () => {
    const stored = await hashPassword('correct horse battery', fast);

    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('rejects malformed hashes without throwing', async () => {
    for (const stored of ['', 'plain', 'bcrypt$1$2$3$4$5', `${DUMMY_HASH}$extra`])
      expect(await verifyPassword('x', stored)).toBe(false);
  });

  it('never matches the dummy hash used for unknown users, at the cost of a real hash', async () => {
    expect(DUMMY_HASH.split('$').slice(0, 4)).toEqual(['scrypt', '16384', '8', '1']);
    expect(await verifyPassword('', DUMMY_HASH)).toBe(false);
  });
});
