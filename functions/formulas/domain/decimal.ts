// Exact decimals for concentrations: a value with at most `scale` decimal places is held as an integer
// count of 10^-scale units (bigint), so parsing, comparing and summing never touch binary floating point.

export type DecimalResult =
  | { readonly ok: true; readonly units: bigint }
  | { readonly ok: false; readonly error: string };

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d{1,3}))?$/i;

/** Moves the decimal point of `whole.fraction` by `exponent` places, on the digit string. */
const shift = (whole: string, fraction: string, exponent: number): [string, string] => {
  const digits = whole + fraction;
  const point = whole.length + exponent;
  if (point <= 0) return ['0', '0'.repeat(-point) + digits];
  if (point >= digits.length) return [digits + '0'.repeat(point - digits.length), ''];
  return [digits.slice(0, point), digits.slice(point)];
};

/**
 * Parses a decimal (`"15.50"`, `15.5`, `1.5e1`) into signed units of 10^-scale. Trailing zeros are not
 * significant, so `"15.50000"` is accepted at scale 4. A JSON number arrives already converted to a
 * double by JSON.parse; `String(n)` gives back the shortest decimal that round-trips, which is exactly
 * the literal the client wrote for any value with up to 15 significant digits. Small numbers print in
 * exponent form (`1e-7`), hence the exponent support.
 */
export const parseDecimal = (input: string | number, scale: number): DecimalResult => {
  const match = DECIMAL.exec(typeof input === 'number' ? String(input) : input);
  if (!match) return { ok: false, error: 'must be a decimal number such as 15.5' };
  const [, sign = '', rawWhole = '', rawFraction = '', exponent = '0'] = match;
  const [whole, fraction] = shift(rawWhole, rawFraction, Number(exponent));
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > scale) return { ok: false, error: `must have at most ${scale} decimal places` };
  const units = BigInt(whole + significant.padEnd(scale, '0'));
  return { ok: true, units: sign ? -units : units };
};

/** Canonical text of a non-negative unit count: no superfluous zeros or point (`15.5`, `100`, `0.0001`). */
export const formatDecimal = (units: bigint, scale: number): string => {
  const digits = units.toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, -scale);
  const fraction = digits.slice(-scale).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
};

/** An integer bound (e.g. 100) in units of 10^-scale. */
export const unitsOf = (value: number, scale: number): bigint => BigInt(value) * 10n ** BigInt(scale);
