// Generates a bulk-import CSV of real place names (GeoNames, via the gazetteer the simulated provider
// geocodes against) with duplicates (the same city in other case, spacing or without accents), bad
// rows and places no gazetteer knows, and says what an import must count.
// Usage: tsx scripts/generate-cities.ts [rows=10000] [out=data/cities-10k.csv]
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { cityKey } from '#functions/weather/domain/city.ts';
import { validateRow } from '#functions/weather/domain/csv-row.ts';
import { gazetteer } from '#local/companions/gazetteer.ts';

export interface CityCsvOptions {
  readonly rows: number;
  /** Share of rows repeating an earlier city (written differently). */
  readonly duplicateRate?: number;
  /** Share of rows that must be rejected (blank, no city, digits only, too long, symbols). */
  readonly badRate?: number;
  /** Share of rows naming a place the gazetteer does not know ("Nowhere ..."). */
  readonly unknownRate?: number;
  readonly seed?: number;
}

export interface CityCsv {
  readonly csv: string;
  /** What an import of `csv` must end with. */
  readonly expected: {
    readonly total: number;
    readonly succeeded: number;
    readonly failed: number;
    readonly rejected_rows: number;
  };
}

// mulberry32: a tiny seeded PRNG, so the same options always give the same file.
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ra',
  'ven',
  'to',
  'su',
  'del',
  'bra',
  'nor',
  'qui',
  'sa',
  'thel',
  'mar',
  'go',
  'zen',
];
const COUNTRIES = ['PT', 'FR', 'DE', 'IT', 'ES', 'NL', 'SE', 'PL'];

/** An invented name for every index: its digits in base 16, one syllable each. */
const inventedName = (index: number): string => {
  let n = index + 16 * 16; // at least three syllables
  let name = '';
  while (n > 0) {
    name += SYLLABLES[n % 16];
    n = Math.floor(n / 16);
  }
  return `Nowhere ${name[0]!.toUpperCase()}${name.slice(1)}`;
};

const BAD_ROWS = [',PT', '', '12345,FR', `${'X'.repeat(120)},DE`, '#$%!,IT', '   ,ES'];

/** The same city written differently; case mapping may change a name's key (ß -> SS), then it stays as is. */
const variant = (name: string, random: () => number): string => {
  const written = [
    name.toUpperCase(),
    name.toLowerCase(),
    `  ${name}  `,
    name.normalize('NFD').replace(/\p{M}+/gu, ''),
  ][Math.floor(random() * 4)]!;
  return cityKey(written) === cityKey(name) ? written : `  ${name}  `;
};

/** Every gazetteer name the CSV rules accept, in an order shuffled by `random`. */
const realNames = (random: () => number): string[] => {
  const names = [...gazetteer().values()].map((p) => p.name).filter((name) => validateRow({ city: name }).ok);
  for (let i = names.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [names[i], names[j]] = [names[j]!, names[i]!];
  }
  return names;
};

export const generateCitiesCsv = ({
  rows,
  duplicateRate = 0.1,
  badRate = 0.05,
  unknownRate = 0.01,
  seed = 42,
}: CityCsvOptions): CityCsv => {
  const random = prng(seed);
  const names = realNames(random);
  const lines = ['city,country'];
  const written: string[] = [];
  let rejected = 0;
  let unknown = 0;
  for (let i = 0; i < rows; i++) {
    const roll = random();
    const country = COUNTRIES[Math.floor(random() * COUNTRIES.length)]!;
    // Once every real name is used, fresh rows repeat earlier ones: a file larger than the gazetteer.
    const exhausted = written.length - unknown >= names.length;
    if (roll < badRate) {
      lines.push(BAD_ROWS[Math.floor(random() * BAD_ROWS.length)]!);
      rejected++;
    } else if ((roll < badRate + duplicateRate || exhausted) && written.length > 0) {
      lines.push(`${variant(written[Math.floor(random() * written.length)]!, random)},${country}`);
    } else if (roll < badRate + duplicateRate + unknownRate) {
      const name = inventedName(i);
      unknown++;
      written.push(name);
      lines.push(`${name},${country}`);
    } else {
      const name = names[written.length - unknown]!;
      written.push(name);
      lines.push(`${name},${country}`);
    }
  }
  const total = written.length;
  return {
    csv: `${lines.join('\n')}\n`,
    expected: { total, succeeded: total - unknown, failed: unknown, rejected_rows: rejected },
  };
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = Number(process.argv[2] ?? 10_000);
  const out = process.argv[3] ?? 'data/cities-10k.csv';
  const { csv, expected } = generateCitiesCsv({ rows });
  writeFileSync(out, csv);
  console.log(`${out}: ${rows} rows; an import ends with ${JSON.stringify(expected)}`);
}
