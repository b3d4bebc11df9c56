import { describe, expect, it } from 'vitest';
import { delayAfter, secondsLeft, SIGN_IN_BACKOFF } from '#functions/palettes/domain/sign-in-backoff.ts';

const { account, source } = SIGN_IN_BACKOFF;

describe('Function: delayAfter()', () => {
  it('lets the free failures through, then doubles the wait from 30 s up to 20 minutes per account', () => {
    const waits = Array.from({ length: 12 }, (_, i) => delayAfter(account, i + 1));
    expect(waits).toEqual([0, 0, 0, 0, 0, 30, 60, 120, 240, 480, 960, 1200]);
  });

  it('gives a source address 20 free failures and caps its wait at a minute', () => {
    expect(delayAfter(source, 20)).toBe(0);
    expect([21, 22, 27, 28, 1000].map((n) => delayAfter(source, n))).toEqual([1, 2, 60, 60, 60]);
  });

  it('keeps a patient guesser under NIST SP 800-63B’s 100 failures a day on one account', () => {
    let failures = 0;
    for (let t = 0; t < 24 * 60 * 60; t += Math.max(1, delayAfter(account, failures))) failures++;
    expect(failures).toBeLessThanOrEqual(100);
  });
});

describe('Function: secondsLeft()', () => {
  const now = 1_800_000_000_000;

  it('counts down from the last failure and opens once the wait has passed', () => {
    const count = { failures: 6, lastFailedAt: now - 10_500 };
    expect(secondsLeft(account, count, now)).toBe(20);
    expect(secondsLeft(account, count, now + 20_500)).toBe(0);
    expect(secondsLeft(account, undefined, now)).toBe(0);
  });
});
