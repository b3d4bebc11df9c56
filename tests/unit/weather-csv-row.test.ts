import { describe, expect, it } from 'vitest';
import { validateRow } from '#functions/weather/domain/csv-row.ts';
import { RejectTally } from '#functions/weather/domain/rejects.ts';

describe('Function: validateRow()', () => {
  it.each([
    ['Lisbon', 'Lisbon', 'lisbon'],
    ['  winston-salem ', 'winston-salem', 'winston-salem'],
    ["St. John's", "St. John's", "st. john's"],
    ['São  Paulo', 'São Paulo', 'sao paulo'],
    ['Frankfurt (Oder)', 'Frankfurt (Oder)', 'frankfurt (oder)'],
    ['100 Mile House', '100 Mile House', '100 mile house'],
    ['6th of October City', '6th of October City', '6th of october city'],
    ['Sector 3', 'Sector 3', 'sector 3'],
  ])('accepts %j as %j with key %j', (city, display, key) => {
    expect(validateRow({ city, country: 'XX' })).toEqual({ ok: true, city: display, key });
  });

  it.each([
    ['a blank line', { city: '' }, 'blank_row'],
    ['only separators', { city: '  ', country: '' }, 'blank_row'],
    ['no city but a country', { city: '', country: 'PT' }, 'missing_city'],
    ['no city column value', { country: 'PT' }, 'missing_city'],
    ['a city of 101 characters', { city: 'x'.repeat(101) }, 'city_too_long'],
    ['digits only', { city: '12345' }, 'invalid_characters'],
    ['symbols', { city: '#$%!' }, 'invalid_characters'],
    ['a leading hyphen', { city: '-Lisbon' }, 'invalid_characters'],
  ])('rejects %s', (_, row, reason) => {
    expect(validateRow(row)).toEqual({ ok: false, reason });
  });

  it('accepts a city of exactly 100 characters', () => {
    expect(validateRow({ city: 'x'.repeat(100) }).ok).toBe(true);
  });
});

describe('Class: RejectTally', () => {
  it('counts every rejected row but keeps only the first examples, truncated', () => {
    const tally = new RejectTally(2);

    for (let line = 2; line < 7; line++) tally.add({ line, reason: 'missing_city', raw: 'y'.repeat(500) });

    expect(tally.count).toBe(5);
    expect(tally.examples.map((e) => e.line)).toEqual([2, 3]);
    expect(tally.examples[0]!.raw).toHaveLength(200);
  });
});
