import { describe, expect, it } from 'vitest';
import { triplet } from '#functions/math/domain/calculations/triplet.ts';
import { asTriplet, tripletsWithSum, type Triplet } from '#functions/math/domain/triplet.ts';

/** Every a < b < c with a + b + c = sum and a^2 + b^2 = c^2, by trying every (a, b). */
const bruteForce = (sum: number): Triplet[] => {
  const found: Triplet[] = [];
  for (let a = 1; a < sum; a++) {
    for (let b = a + 1; a + b < sum; b++) {
      const c = sum - a - b;
      if (b < c && a * a + b * b === c * c) found.push([a, b, c]);
    }
  }
  return found;
};

describe('Function: asTriplet()', () => {
  it.each([
    [3, 4, 5],
    [5, 12, 13],
    [8, 15, 17],
    [200, 375, 425],
  ])('recognises (%i, %i, %i)', (a, b, c) => {
    expect(asTriplet(a, b, c)).toEqual([a, b, c]);
  });

  it.each([
    [4, 3, 5],
    [5, 4, 3],
    [5, 3, 4],
    [3, 5, 4],
    [4, 5, 3],
  ])('accepts the sides in any order and reports them as a < b < c: (%i, %i, %i)', (a, b, c) => {
    expect(asTriplet(a, b, c)).toEqual([3, 4, 5]);
  });

  it.each([
    [1, 2, 3],
    [3, 4, 6],
    [2, 2, 2],
    [6, 8, 11],
  ])('rejects (%i, %i, %i)', (a, b, c) => {
    expect(asTriplet(a, b, c)).toBeNull();
  });

  it('rejects a zero side even though 0^2 + 5^2 = 5^2', () => {
    expect(asTriplet(0, 5, 5)).toBeNull();
  });
});

describe('Function: tripletsWithSum()', () => {
  it('finds (3, 4, 5) for sum 12', () => {
    expect(tripletsWithSum(12)).toEqual([[3, 4, 5]]);
  });

  it('finds (200, 375, 425), product 31875000, for sum 1000', () => {
    // Act
    const found = tripletsWithSum(1000);

    // Assess
    expect(found).toEqual([[200, 375, 425]]);
    expect(found[0]!.reduce((p, x) => p * x, 1)).toBe(31875000);
  });

  it('finds every triplet, smallest a first, when a sum has several', () => {
    expect(tripletsWithSum(60)).toEqual([
      [10, 24, 26],
      [15, 20, 25],
    ]);
  });

  it.each([3, 11, 13, 999])('finds none for sum %i', (sum) => {
    expect(tripletsWithSum(sum)).toEqual([]);
  });

  it('agrees with trying every (a, b) for every sum in 3..300', () => {
    // Prepare
    const sums = Array.from({ length: 298 }, (_, i) => i + 3);

    // Act
    const mismatches = sums.filter((s) => JSON.stringify(tripletsWithSum(s)) !== JSON.stringify(bruteForce(s)));

    // Assess
    expect(mismatches).toEqual([]);
  });
});

describe('Function: triplet.compute()', () => {
  it('reports a checked triplet in a < b < c order with its product', () => {
    expect(triplet.compute({ a: 5, b: 3, c: 4 })).toEqual({
      is_triplet: true,
      triplet: [3, 4, 5],
      product: 60,
      triplets: [[3, 4, 5]],
    });
  });

  it('reports no triplet and no product for sides that are not one', () => {
    expect(triplet.compute({ a: 3, b: 4, c: 6 })).toEqual({
      is_triplet: false,
      triplet: null,
      product: null,
      triplets: [],
    });
  });

  it('answers a sum with its first triplet and lists them all', () => {
    expect(triplet.compute({ sum: 60 })).toEqual({
      is_triplet: true,
      triplet: [10, 24, 26],
      product: 6240,
      triplets: [
        [10, 24, 26],
        [15, 20, 25],
      ],
    });
  });

  it('answers a sum without a triplet with nulls', () => {
    expect(triplet.compute({ sum: 11 })).toEqual({ is_triplet: false, triplet: null, product: null, triplets: [] });
  });
});
