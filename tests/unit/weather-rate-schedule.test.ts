import { describe, expect, it } from 'vitest';
import { buckets, maxWeight, nextTurn, type Bucket } from '#functions/weather/domain/rate-schedule.ts';

/** Takes turns for `weights` back to back from `start`, as callers that always wait for theirs: their times. */
const schedule = (list: readonly Bucket[], weights: readonly number[], start = 0, holdUntil = 0): number[] => {
  let tats: Readonly<Record<string, number>> = {};
  return weights.map((weight) => {
    const turn = nextTurn(list, tats, weight, start, holdUntil);
    tats = turn.tats;
    return turn.at;
  });
};

/** The most weight any window of `ms` holds. */
const busiest = (times: readonly number[], weights: readonly number[], ms: number): number =>
  Math.max(...times.map((end) => times.reduce((n, t, i) => (t > end - ms && t <= end ? n + weights[i]! : n), 0)));

describe('Domain: buckets()', () => {
  it('sizes each bucket to its share of its limit, with a burst of half of it', () => {
    expect(buckets([{ calls: 600, seconds: 60 }], 0.8)).toEqual([
      { key: '600/60', capacity: 240, intervalMs: (60_000 + 250) / (480 - 240) },
    ]);
    expect(buckets([{ calls: 10_000, seconds: 86_400 }], 0.8)).toEqual([
      { key: '10000/86400', capacity: 4000, intervalMs: (86_400_000 + 250) / 4000 },
    ]);
    expect(buckets([{ calls: 10, seconds: 60 }], 0.2)).toEqual([{ key: '10/60', capacity: 1, intervalMs: 60_250 }]);
  });

  it('admits no call heavier than the smallest burst', () => {
    expect(
      maxWeight(
        buckets(
          [
            { calls: 600, seconds: 60 },
            { calls: 40, seconds: 3600 },
          ],
          1,
        ),
      ),
    ).toBe(20);
  });
});

describe('Domain: nextTurn()', () => {
  const limits = [
    { calls: 60, seconds: 10 },
    { calls: 100, seconds: 60 },
  ];

  it('never puts more calls in any window than a limit allows, however they bunch', () => {
    const list = buckets(limits, 1);
    const weights = Array.from({ length: 300 }, (_, i) => 1 + (i % 5));
    const times = schedule(list, weights);

    expect(busiest(times, weights, 10_000)).toBeLessThanOrEqual(60);
    expect(busiest(times, weights, 60_000)).toBeLessThanOrEqual(100);
  });

  it('lets a burst go at once, then spaces calls one interval per call', () => {
    const [bucket] = buckets([{ calls: 20, seconds: 10 }], 1);
    const times = schedule([bucket!], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);

    expect(times.slice(0, 10)).toEqual(Array(10).fill(0));
    expect(times[11]! - times[10]!).toBeCloseTo(bucket!.intervalMs);
  });

  it('gives no turn before the provider’s Retry-After', () => {
    expect(schedule(buckets(limits, 1), [1, 1], 0, 30_000)).toEqual([30_000, 30_000]);
  });

  it('keeps the bulk and interactive shares within the limit together', () => {
    const bulk = buckets(limits, 0.8);
    const interactive = buckets(limits, 0.2);
    const weights = Array(200).fill(1);
    const times = [...schedule(bulk, weights), ...schedule(interactive, weights)].sort((a, b) => a - b);

    expect(busiest(times, Array(400).fill(1), 10_000)).toBeLessThanOrEqual(60);
    expect(busiest(times, Array(400).fill(1), 60_000)).toBeLessThanOrEqual(100);
  });
});
