import { describe, expect, it } from 'vitest';
import {
  backoffDelayMs,
  delayBeforeRetry,
  parseRetryAfter,
  type RetryPolicy,
} from '#functions/weather/domain/retry-policy.ts';

const policy: RetryPolicy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 };

describe('Function: backoffDelayMs()', () => {
  it.each([
    [1, 100],
    [2, 200],
    [3, 400],
    [4, 800],
    [5, 1000],
    [10, 1000],
  ])('grows exponentially to the cap: retry %i waits below %i ms', (retry, ceiling) => {
    expect(backoffDelayMs(retry, policy, () => 0.999999)).toBe(ceiling - 1);
    expect(backoffDelayMs(retry, policy, () => 0)).toBe(0);
  });

  it('spreads delays over the whole window (full jitter)', () => {
    const delays = [0.1, 0.5, 0.9].map((r) => backoffDelayMs(3, policy, () => r));

    expect(delays).toEqual([40, 200, 360]);
  });
});

describe('Function: parseRetryAfter()', () => {
  const now = Date.parse('2026-11-23T10:00:00Z');

  it.each([
    ['delta seconds', '3', 3000],
    ['zero', '0', 0],
    ['an HTTP date', 'Mon, 23 Nov 2026 10:00:07 GMT', 7000],
    ['a date in the past', 'Mon, 23 Nov 2026 09:59:00 GMT', 0],
  ])('reads %s', (_, header, ms) => {
    expect(parseRetryAfter(header, now)).toBe(ms);
  });

  it.each([null, undefined, '', 'soon', '-1', '1.5'])('ignores %j', (header) => {
    expect(parseRetryAfter(header, now)).toBeUndefined();
  });
});

describe('Function: delayBeforeRetry()', () => {
  it("waits exactly the server's Retry-After, without jitter, even above the backoff cap", () => {
    expect(delayBeforeRetry(1, policy, 2000, () => 0)).toBe(2000);
  });

  it('uses the jittered backoff when the server gave no Retry-After', () => {
    expect(delayBeforeRetry(2, policy, undefined, () => 0.5)).toBe(100);
  });

  it('gives up (undefined) when the server asks for longer than the policy waits', () => {
    expect(delayBeforeRetry(1, policy, 5001)).toBeUndefined();
    expect(delayBeforeRetry(1, policy, 5000)).toBe(5000);
  });
});
