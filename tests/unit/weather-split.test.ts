import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MissingCityColumnError } from '#functions/weather/errors.ts';
import { splitCsv, type SplitCity } from '#functions/weather/domain/split-csv.ts';
import { gazetteer } from '#local/companions/gazetteer.ts';
import { generateCitiesCsv } from '../../scripts/generate-cities.ts';

const split = async (csv: string | string[], batchSize = 10) => {
  const batches: SplitCity[][] = [];
  const result = await splitCsv(Readable.from(Array.isArray(csv) ? csv : [csv]), {
    batchSize,
    keepRejected: 3,
    onBatch: async (batch) => void batches.push([...batch]),
  });
  return { ...result, batches };
};

describe('Function: splitCsv()', () => {
  it('hands on distinct cities in batches, counting duplicates and rejected rows', async () => {
    const csv = 'city,country\nLisbon,PT\nPorto,PT\n\nLISBON ,PT\n42,XX\nBraga,PT\n  porto,PT\nFaro,PT\n';

    const { total, duplicates, rejects, batches } = await split(csv, 2);

    expect(batches).toEqual([
      [
        { key: 'lisbon', city: 'Lisbon' },
        { key: 'porto', city: 'Porto' },
      ],
      [
        { key: 'braga', city: 'Braga' },
        { key: 'faro', city: 'Faro' },
      ],
    ]);
    expect(total).toBe(4);
    expect(duplicates).toBe(2);
    expect(rejects.count).toBe(2);
    expect(rejects.examples).toEqual([
      { line: 4, reason: 'blank_row', raw: '' },
      { line: 6, reason: 'invalid_characters', raw: '42,XX' },
    ]);
  });

  it('reads rows split across chunks, a BOM and CRLF line ends', async () => {
    const { batches } = await split(['\uFEFFCity\r\nLis', 'bon\r\nPor', 'to\r\n']);

    expect(batches.flat().map((c) => c.city)).toEqual(['Lisbon', 'Porto']);
  });

  it('counts a row csv-parse cannot read as malformed and reads on', async () => {
    const { total, rejects } = await split('city\nBad"quote\nLisbon\n');

    expect(total).toBe(1);
    expect(rejects.examples).toEqual([expect.objectContaining({ line: 2, reason: 'malformed_row' })]);
  });

  it('throws MissingCityColumnError for a header without a city column', async () => {
    await expect(split('name,country\nLisbon,PT\n')).rejects.toBeInstanceOf(MissingCityColumnError);
  });

  it('finds what the generator says a generated file holds, and every city it expects to succeed is a real place', async () => {
    // 20k rows: enough duplicates written in capitals to meet names whose case mapping changes them (ß -> SS).
    const { csv, expected } = generateCitiesCsv({ rows: 20_000, seed: 7 });

    const { total, rejects, batches } = await split(csv, 1000);

    expect(total).toBe(expected.total);
    expect(rejects.count).toBe(expected.rejected_rows);
    const known = batches.flat().filter((c) => gazetteer().has(c.key));
    expect(known).toHaveLength(expected.succeeded);
  });

  describe.each([1, 3])('with %i batches in flight', (concurrency) => {
    const rows = Array.from(
      { length: 95 },
      (_, i) => `City${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`,
    );
    const csv = `city\n${rows.join('\n')}\n`;

    it('never has more pending, and hands on every city once', async () => {
      let inFlight = 0;
      let maxInFlight = 0;
      const seen: string[] = [];

      await splitCsv(Readable.from([csv]), {
        batchSize: 10,
        keepRejected: 0,
        concurrency,
        onBatch: async (batch) => {
          maxInFlight = Math.max(maxInFlight, ++inFlight);
          await new Promise((r) => setTimeout(r, 5));
          seen.push(...batch.map((c) => c.city));
          inFlight--;
        },
      });

      expect(maxInFlight).toBe(concurrency);
      expect(seen.sort()).toEqual([...rows].sort());
    });

    it('rejects with the first failing batch', async () => {
      let calls = 0;
      const failing = splitCsv(Readable.from([csv]), {
        batchSize: 10,
        keepRejected: 0,
        concurrency,
        onBatch: async () => {
          if (++calls === 2) throw new Error('SQS refused');
        },
      });

      await expect(failing).rejects.toThrow('SQS refused');
    });
  });
});
