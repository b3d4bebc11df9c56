import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { issueToken } from '#functions/palettes/domain/tokens.ts';
import { bearerToken, hashToken } from '#shared/auth/user.ts';
import { apiEvent } from '../helpers/factories.ts';

describe('Function: issueToken()', () => {
  const now = new Date('2026-11-23T10:00:00Z');

  it('issues 256 random bits as 43 base64url characters, different every time', () => {
    const tokens = new Set(Array.from({ length: 50 }, () => issueToken(now, 60).token));

    expect(tokens.size).toBe(50);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
  });

  it('keeps only the SHA-256 of the token, never the token', () => {
    const issued = issueToken(now, 60);

    expect(issued.hash).toBe(createHash('sha256').update(issued.token).digest('hex'));
    expect(issued.hash).toBe(hashToken(issued.token));
    expect(issued.hash).not.toContain(issued.token);
  });

  it('expires ttlSeconds after now, in epoch seconds', () => {
    expect(issueToken(now, 3600).expiresAt).toBe(Date.parse('2026-11-23T11:00:00Z') / 1000);
  });
});

describe('Function: bearerToken()', () => {
  const token = issueToken(new Date(), 60).token;
  const withAuthorization = (authorization?: string) =>
    apiEvent({ route: '/me', ...(authorization === undefined ? {} : { headers: { authorization } }) });

  it('reads the token of a Bearer header, whatever the scheme case', () => {
    expect(bearerToken(withAuthorization(`Bearer ${token}`))).toBe(token);
    expect(bearerToken(withAuthorization(`bearer ${token}`))).toBe(token);
  });

  it.each([undefined, token, `Basic ${token}`, `Bearer ${token} extra`, 'Bearer short', `Bearer ${token}=`])(
    'answers 401 for %j',
    (header) => {
      expect(() => bearerToken(withAuthorization(header))).toThrow(expect.objectContaining({ statusCode: 401 }));
    },
  );
});
