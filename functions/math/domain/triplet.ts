export type Triplet = [a: number, b: number, c: number];

/** The three numbers as a triplet a < b < c when, in some order, they satisfy a^2 + b^2 = c^2; else null. */
export const asTriplet = (x: number, y: number, z: number): Triplet | null => {
  const [a, b, c] = [x, y, z].sort((p, q) => p - q) as Triplet;
  return a > 0 && a * a + b * b === c * c ? [a, b, c] : null;
};

/**
 * Every triplet a < b < c with a + b + c = sum, smallest a first. From a + b + c = s and
 * a^2 + b^2 = c^2 follows b = s(s - 2a) / (2(s - a)), so one pass over a suffices.
 */
export const tripletsWithSum = (sum: number): Triplet[] => {
  const found: Triplet[] = [];
  for (let a = 1; a < sum / 3; a++) {
    const numerator = sum * (sum - 2 * a);
    const denominator = 2 * (sum - a);
    if (numerator % denominator !== 0) continue;
    const b = numerator / denominator;
    const c = sum - a - b;
    if (a < b && b < c) found.push([a, b, c]);
  }
  return found;
};
