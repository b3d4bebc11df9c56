// One CSV row -> a city, or the reason it is rejected. Pure: the splitter streams rows through this.
import { LIMITS } from '../constants.ts';
import { cityKey, displayCity } from './city.ts';

export type RowVerdict =
  | { readonly ok: true; readonly city: string; readonly key: string }
  | { readonly ok: false; readonly reason: RejectReason };

export type RejectReason = 'blank_row' | 'missing_city' | 'city_too_long' | 'invalid_characters' | 'malformed_row';

// Letters of any script, marks, digits, spaces and the punctuation real place names use (St. John's,
// Winston-Salem, 100 Mile House, Sector 3, Qal‘ah-ye Now), with at least one letter: "12345" is no city.
const CITY_SHAPE = /^(?=.*\p{L})[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N} .'’‘()-]*$/u;

export const validateRow = (row: Readonly<Record<string, string | undefined>>): RowVerdict => {
  if (Object.values(row).every((v) => (v ?? '').trim() === '')) return { ok: false, reason: 'blank_row' };
  const city = displayCity(row.city ?? '');
  if (city === '') return { ok: false, reason: 'missing_city' };
  if (city.length > LIMITS.cityLength) return { ok: false, reason: 'city_too_long' };
  if (!CITY_SHAPE.test(city)) return { ok: false, reason: 'invalid_characters' };
  return { ok: true, city, key: cityKey(city) };
};
