import { describe, expect, it } from 'vitest';
import { createPaletteContract } from '#functions/palettes/contracts.ts';
import { normaliseColor } from '#functions/palettes/domain/colors.ts';

describe('Function: normaliseColor()', () => {
  it.each([
    ['#abc', '#aabbcc'],
    ['#ABC', '#aabbcc'],
    ['#1E90FF', '#1e90ff'],
    ['#1e90ff', '#1e90ff'],
    ['#000', '#000000'],
  ])('turns %s into %s', (input, expected) => {
    expect(normaliseColor(input)).toBe(expected);
  });

  it.each(['abc', '#ab', '#abcd', '#abcdeff', '#12345g', 'red', '#abc ', ' #abc', '#ａｂｃ', ''])(
    'rejects %j',
    (input) => {
      expect(() => normaliseColor(input)).toThrow(RangeError);
    },
  );
});

describe('Function: palette body schema', () => {
  const parse = (body: unknown) => createPaletteContract.body.safeParse(body);

  it('normalises every colour and trims the name', () => {
    expect(parse({ name: '  Sea ', colors: ['#ABC', '#1E90ff'] })).toEqual({
      success: true,
      data: { name: 'Sea', colors: ['#aabbcc', '#1e90ff'] },
    });
  });

  it('names the path of each bad colour', () => {
    const result = parse({ name: 'Sea', colors: ['#fff', 'blue', '#ggg'] });

    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path)).toEqual([
      ['colors', 1],
      ['colors', 2],
    ]);
  });

  it.each([
    ['no colours', { name: 'Sea', colors: [] }],
    ['21 colours', { name: 'Sea', colors: Array.from({ length: 21 }, () => '#fff') }],
    ['a blank name', { name: '  ', colors: ['#fff'] }],
    ['an unknown field', { name: 'Sea', colors: ['#fff'], team: 'x' }],
  ])('rejects %s', (_, body) => {
    expect(parse(body).success).toBe(false);
  });

  it('accepts 20 colours', () => {
    expect(parse({ name: 'Sea', colors: Array.from({ length: 20 }, () => '#fff') }).success).toBe(true);
  });
});
