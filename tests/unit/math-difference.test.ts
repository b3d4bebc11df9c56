import { describe, expect, it } from 'vitest';
import { sumSquareDifference } from '#functions/math/domain/difference.ts';

/** The definition, summed term by term: the oracle the closed forms are checked against. */
const bruteForce = (n: number): number => {
  let sum = 0;
  let sumOfSquares = 0;
  for (let i = 1; i <= n; i++) {
    sum += i;
    sumOfSquares += i * i;
  }
  return sum * sum - sumOfSquares;
};

describe('Function: sumSquareDifference()', () => {
  it('returns 2640 for n = 10', () => {
    expect(sumSquareDifference(10)).toBe(2640);
  });

  it('returns 0 for n = 1, where the square of the sum is the sum of the squares', () => {
    expect(sumSquareDifference(1)).toBe(0);
  });

  it('returns 25164150 for n = 100', () => {
    expect(sumSquareDifference(100)).toBe(25164150);
  });

  it('agrees with the term-by-term sums for every n in 1..100', () => {
    // Prepare
    const ns = Array.from({ length: 100 }, (_, i) => i + 1);

    // Act
    const mismatches = ns.filter((n) => sumSquareDifference(n) !== bruteForce(n));

    // Assess
    expect(mismatches).toEqual([]);
  });

  it('returns integers for every n in 1..100 (the closed forms divide exactly)', () => {
    const ns = Array.from({ length: 100 }, (_, i) => i + 1);

    expect(ns.filter((n) => !Number.isSafeInteger(sumSquareDifference(n)))).toEqual([]);
  });
});
