import { describe, expect, it } from 'vitest';
import { cityKey, displayCity } from '#functions/weather/domain/city.ts';
import { wmoCondition } from '#functions/weather/domain/conditions.ts';

describe('Function: displayCity()', () => {
  it.each([
    ['  Lisbon  ', 'Lisbon'],
    ['New   York', 'New York'],
    ['São\tPaulo', 'São Paulo'],
    // Decomposed "ã" (a + combining tilde) becomes the composed character.
    ['Sa\u0303o Paulo', 'São Paulo'],
  ])('turns %j into %j', (input, expected) => {
    expect(displayCity(input)).toBe(expected);
  });
});

describe('Function: cityKey()', () => {
  it('gives every spelling of one city the same key', () => {
    const keys = ['São Paulo', 'sao paulo', '  SAO   PAULO ', 'Sa\u0303o Paulo'].map(cityKey);

    expect(new Set(keys)).toEqual(new Set(['sao paulo']));
  });

  it('keeps different cities apart', () => {
    expect(cityKey('Paris')).not.toBe(cityKey('Parish'));
  });

  it('keeps letters of other scripts', () => {
    expect(cityKey('東京')).toBe('東京');
  });
});

describe('Function: wmoCondition()', () => {
  it.each([
    [0, 'clear'],
    [2, 'partly cloudy'],
    [45, 'fog'],
    [63, 'rain'],
    [75, 'snow'],
    [95, 'thunderstorm'],
    [42, 'unknown'],
  ])('maps code %i to %s', (code, condition) => {
    expect(wmoCondition(code)).toBe(condition);
  });
});
