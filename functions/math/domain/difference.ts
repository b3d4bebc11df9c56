/** (1 + ... + n)^2 - (1^2 + ... + n^2), by the closed forms n(n+1)/2 and n(n+1)(2n+1)/6. */
export const sumSquareDifference = (n: number): number => {
  const sum = (n * (n + 1)) / 2;
  const sumOfSquares = (n * (n + 1) * (2 * n + 1)) / 6;
  return sum * sum - sumOfSquares;
};
