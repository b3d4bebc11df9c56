// Generates a bulk-import CSV of invented cities with duplicates (same city, other case/spacing),
// bad rows and cities the simulated provider does not know, and says what an import must count.
// Usage: tsx scripts/generate-cities.ts [rows=10000] [out=data/cities-10k.csv]
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export interface CityCsvOptions {
  readonly rows: number;
  /** Share of rows repeating an earlier city (written differently). */
  readonly duplicateRate?: number;
  /** Share of rows that must be rejected (blank, no city, digits, too long, symbols). */
  readonly badRate?: number;
  /** Share of rows naming a city the simulated provider does not know ("Nowhere ..."). */
  readonly unknownRate?: number;
  readonly seed?: number;
}

export interface CityCsv {
  readonly csv: string;
  /** What an import of `csv` must end with. */
  readonly expected: { readonly total: number; readonly succeeded: number; readonly failed: number; readonly rejected_rows: number };
}

// mulberry32: a tiny seeded PRNG, so the same options always give the same file.
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'ven', 'to', 'su', 'del', 'bra', 'nor', 'qui', 'sa', 'thel', 'mar', 'go', 'zen'];
const COUNTRIES = ['PT', 'FR', 'DE', 'IT', 'ES', 'NL', 'SE', 'PL'];

/** A distinct name for every index: its digits in base 16, one syllable each. */
const cityName = (index: number): string => {
  let n = index + 16 * 16; // at least three syllables
  let name = '';
  while (n > 0) {
    name += SYLLABLES[n % 16];
    n = Math.floor(n / 16);
  }
  return name[0]!.toUpperCase() + name.slice(1);
};

const BAD_ROWS = [',PT', '', 'C1ty 42,FR', `${'X'.repeat(120)},DE`, '#$%!,IT', '   ,ES'];

const variant = (name: string, random: () => number): string =>
  [name.toUpperCase(), name.toLowerCase(), `  ${name}  `][Math.floor(random() * 3)]!;

export const generateCitiesCsv = ({ rows, duplicateRate = 0.1, badRate = 0.05, unknownRate = 0.01, seed = 42 }: CityCsvOptions): CityCsv => {
  const random = prng(seed);
  const lines = ['city,country'];
  const written: string[] = [];
  let rejected = 0;
  let unknown = 0;
  for (let i = 0; i < rows; i++) {
    const roll = random();
    const country = COUNTRIES[Math.floor(random() * COUNTRIES.length)]!;
    if (roll < badRate) {
      lines.push(BAD_ROWS[Math.floor(random() * BAD_ROWS.length)]!);
      rejected++;
    } else if (roll < badRate + duplicateRate && written.length > 0) {
      lines.push(`${variant(written[Math.floor(random() * written.length)]!, random)},${country}`);
    } else {
      const name = roll < badRate + duplicateRate + unknownRate ? `Nowhere ${cityName(i)}` : cityName(i);
      if (name.startsWith('Nowhere')) unknown++;
      written.push(name);
      lines.push(`${name},${country}`);
    }
  }
  const total = written.length;
  return { csv: `${lines.join('\n')}\n`, expected: { total, succeeded: total - unknown, failed: unknown, rejected_rows: rejected } };
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = Number(process.argv[2] ?? 10_000);
  const out = process.argv[3] ?? 'data/cities-10k.csv';
  const { csv, expected } = generateCitiesCsv({ rows });
  writeFileSync(out, csv);
  console.log(`${out}: ${rows} rows; an import ends with ${JSON.stringify(expected)}`);
}
