// Names to places without a provider call: the gazetteer the simulated provider geocodes against (GeoNames'
// places of 1,000+ inhabitants, a name's most populous place), compacted by scripts/build-gazetteer.ts into
// 2.1 MB bundled with the worker (docs/weather-provider.md: why in the bundle, and what it costs). Decoded on
// the first lookup (~20 ms), then a binary search over the names in cityKey order (~17 comparisons).
import data from './gazetteer-data.json' with { type: 'json' };
import { cityKey } from './city.ts';
import type { Place } from './messages.ts';

interface Index {
  readonly names: readonly string[];
  readonly coordinates: DataView;
}

let index: Index | undefined;

const load = (): Index => {
  const bytes = Buffer.from(data.coordinates, 'base64');
  return {
    names: data.names.split('\n'),
    coordinates: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  };
};

/** The place a city name resolves to, or undefined when the gazetteer does not know it. */
export const gazetteerPlace = (key: string): Place | undefined => {
  index ??= load();
  const { names, coordinates } = index;
  let low = 0;
  let high = names.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const name = names[mid]!;
    const found = cityKey(name);
    if (found === key)
      return {
        name,
        latitude: coordinates.getInt16(mid * 4, true) / 100,
        longitude: coordinates.getInt16(mid * 4 + 2, true) / 100,
      };
    if (found < key) low = mid + 1;
    else high = mid - 1;
  }
  return undefined;
};
