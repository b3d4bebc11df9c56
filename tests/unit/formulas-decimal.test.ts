import { describe, expect, it } from 'vitest';
import { formatDecimal, parseDecimal } from '#functions/formulas/domain/decimal.ts';

const units = (input: string | number) => {
  const result = parseDecimal(input, 4);
  if (!result.ok) throw new Error(result.error);
  return result.units;
};

describe('Function: parseDecimal()', () => {
  it.each([
    ['15.5', 155_000n],
    ['15.50', 155_000n],
    [15.5, 155_000n],
    ['15.05', 150_500n],
    ['0.0001', 1n],
    ['100', 1_000_000n],
    ['15.50000', 155_000n],
    ['1.5e1', 150_000n],
    [1e-4, 1n],
    ['-2.5', -25_000n],
  ])('reads %j as %s ten-thousandths', (input, expected) => {
    expect(units(input)).toBe(expected);
  });

  it('adds 0.1 and 0.2 to exactly 0.3', () => {
    // Prepare
    const sum = units(0.1) + units(0.2);

    // Assess
    expect(formatDecimal(sum, 4)).toBe('0.3');
    expect(0.1 + 0.2).not.toBe(0.3);
  });

  it.each(['15.00001', 1e-7, '0.12345'])('refuses %j for having more than 4 decimal places', (input) => {
    expect(parseDecimal(input, 4)).toEqual({ ok: false, error: 'must have at most 4 decimal places' });
  });

  it.each(['', 'abc', '1,5', '.5', '5.', '0x10', ' 1', '1e9999', 'Infinity'])(
    'refuses %j as not a decimal',
    (input) => {
      expect(parseDecimal(input, 4).ok).toBe(false);
    },
  );
});

describe('Function: formatDecimal()', () => {
  it.each([
    [155_000n, '15.5'],
    [150_500n, '15.05'],
    [1_000_000n, '100'],
    [1n, '0.0001'],
    [0n, '0'],
  ])('writes %s ten-thousandths as %s', (input, expected) => {
    expect(formatDecimal(input, 4)).toBe(expected);
  });
});
