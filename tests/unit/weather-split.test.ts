import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MissingCityColumnError, splitCsv, type SplitCity } from '../../functions/weather/split.ts';
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

  it('finds what the generator says a generated file holds', async () => {
    const { csv, expected } = generateCitiesCsv({ rows: 2000, seed: 7 });

    const { total, rejects } = await split(csv);

    expect(total).toBe(expected.total);
    expect(rejects.count).toBe(expected.rejected_rows);
  });

  it('waits for each batch before reading on (backpressure)', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const rows = Array.from({ length: 100 }, (_, i) => `City${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`);

    await splitCsv(Readable.from([`city\n${rows.join('\n')}\n`]), {
      batchSize: 10,
      keepRejected: 0,
      onBatch: async () => {
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        await new Promise((r) => setImmediate(r));
        inFlight--;
      },
    });

    expect(maxInFlight).toBe(1);
  });
});
