// A job's outlook from the quota it shares: pure functions, fixed clocks.
import { describe, expect, it } from 'vitest';
import {
  csvRowsAtMost,
  dailyAllowance,
  estimatedFinish,
  quotaWarning,
  waitingFor,
} from '#functions/weather/domain/job-outlook.ts';
import { DOCUMENTED_LIMITS } from '#functions/weather/store/provider/config.ts';

const NOW = Date.parse('2026-12-07T12:00:00.000Z');
const IDLE = { tats: {}, holdUntil: 0, circuitOpenUntil: 0 };
const openMeteo = { limits: DOCUMENTED_LIMITS['open-meteo'], share: 0.8 };

describe('Domain: dailyAllowance() and quotaWarning()', () => {
  it("gives bulk imports the tightest limit's share, spread over a day", () => {
    expect(dailyAllowance(openMeteo)).toBe(8000);
    // OpenWeather: 48 a minute for bulk is 69,120 a day, but 800,000 a month is 26,666 a day.
    expect(dailyAllowance({ limits: DOCUMENTED_LIMITS.openweather, share: 0.8 })).toBe(26_666);
    expect(dailyAllowance({ limits: [], share: 0.8 })).toBe(Number.POSITIVE_INFINITY);
  });

  it('warns only past a day of the allowance', () => {
    expect(quotaWarning(8000, openMeteo)).toBeUndefined();
    expect(quotaWarning(8001, openMeteo)).toMatch(
      /^Up to 8,001 cities .* 8,000 a day, so this job takes about 1\.0 days\.$/,
    );
    expect(quotaWarning(1_000_000, { limits: [], share: 0.8 })).toBeUndefined();
  });
});

describe('Domain: waitingFor()', () => {
  it('is the outage while the circuit is open or half-open, whatever the quota', () => {
    expect(waitingFor(openMeteo, { ...IDLE, circuitOpenUntil: NOW + 1 }, NOW)).toBe('provider_outage');
    expect(waitingFor(openMeteo, { ...IDLE, circuitOpenUntil: NOW - 1 }, NOW)).toBe('provider_outage');
  });

  it("is the quota when the provider's Retry-After or the taken turns hold a full request back", () => {
    expect(waitingFor(openMeteo, { ...IDLE, holdUntil: NOW + 60_000 }, NOW)).toBe('provider_quota');
    expect(waitingFor(openMeteo, { ...IDLE, tats: { '600/60': NOW + 60_000 } }, NOW)).toBe('provider_quota');
  });

  it('is nothing with turns to spare, a wait too short to see, or no limits', () => {
    expect(waitingFor(openMeteo, IDLE, NOW)).toBeUndefined();
    expect(waitingFor(openMeteo, { ...IDLE, holdUntil: NOW + 1000 }, NOW)).toBeUndefined();
    expect(waitingFor({ limits: [], share: 0.8 }, { ...IDLE, holdUntil: NOW + 60_000 }, NOW)).toBeUndefined();
  });
});

describe('Domain: estimatedFinish()', () => {
  const progress = { remaining: 300, processed: 100, startedAt: NOW - 60_000 };

  it("goes by the job's pace when the quota is not what holds it", () => {
    expect(estimatedFinish(progress, { limits: [], share: 0.8 }, IDLE, NOW)).toBe(NOW + 180_000);
  });

  it('is no sooner than the quota lets the remaining calls go, nor than the circuit reopens', () => {
    const slow = { limits: [{ calls: 100, seconds: 60 }], share: 1 };
    // 50 at once, then one every 1.205 s: 250 more take five minutes, longer than the pace's three.
    expect(estimatedFinish(progress, slow, IDLE, NOW)).toBe(NOW + 250 * ((60_000 + 250) / 50));
    // The bucket fills while the circuit is open: all 300 go when it reopens.
    expect(estimatedFinish(progress, slow, { ...IDLE, circuitOpenUntil: NOW + 600_000 }, NOW)).toBe(NOW + 600_000);
  });

  it('is unknown with neither a pace nor limits', () => {
    expect(estimatedFinish({ ...progress, processed: 0 }, { limits: [], share: 0.8 }, IDLE, NOW)).toBeUndefined();
  });
});

describe('Domain: csvRowsAtMost()', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it('counts the lines after the header, with or without a last newline', () => {
    expect(csvRowsAtMost(bytes('city\nLisbon\nPorto\n'))).toBe(2);
    expect(csvRowsAtMost(bytes('city\nLisbon\nPorto'))).toBe(2);
    expect(csvRowsAtMost(bytes('city\n'))).toBe(0);
    expect(csvRowsAtMost(bytes(''))).toBe(0);
  });
});
