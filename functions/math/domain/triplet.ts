export type Triplet = [a: number, b: number, c: number];

/** True when the three numbers, in any order, satisfy a^2 + b^2 = c^2. */
export const isPythagorean = (x: number, y: number, z: number): boolean => {
  const [a, b, c] = [x, y, z].sort((p, q) => p - q) as [number, number, number];
  return a > 0 && a * a + b * b === c * c;
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
