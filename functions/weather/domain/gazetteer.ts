// Names to places without a provider call: the gazetteer the simulated provider geocodes against (GeoNames'
// places of 1,000+ inhabitants, a name's most populous place), compacted by scripts/build-gazetteer.ts into
// gazetteer.bin: a count, int16 coordinate pairs, then the names in cityKey order, one a line. The file is
// read by store/gazetteer.ts on the first lookup; decoding only finds where each name starts, and a lookup
// is a binary search that decodes the ~17 names it compares.
import { cityKey } from './city.ts';
import type { Place } from './messages.ts';

export interface Gazetteer {
  /** Where each name starts in `names`, and one past the last name's line. */
  readonly starts: Uint32Array;
  readonly names: Uint8Array;
  readonly coordinates: DataView;
}

const NEWLINE = 0x0a;
const utf8 = new TextDecoder();

/** The gazetteer of `bytes` (gazetteer.bin's layout, little-endian). */
export const decodeGazetteer = (bytes: Uint8Array): Gazetteer => {
  const count = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
  const names = bytes.subarray(4 + count * 4);
  const starts = new Uint32Array(count + 1);
  for (let i = 1; i <= count; i++) starts[i] = names.indexOf(NEWLINE, starts[i - 1]) + 1;
  return { starts, names, coordinates: new DataView(bytes.buffer, bytes.byteOffset + 4, count * 4) };
};

/** The place a city key resolves to in `gazetteer`, or undefined when it does not know the name. */
export const placeIn = ({ starts, names, coordinates }: Gazetteer, key: string): Place | undefined => {
  let low = 0;
  let high = starts.length - 2;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const name = utf8.decode(names.subarray(starts[mid], starts[mid + 1]! - 1));
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
