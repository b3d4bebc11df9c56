// The gazetteer's data is a file beside the bundle, not code in it, so importing a function parses none
// of its 1.8 MB: esbuild's file loader (build/bundling.ts, DATA_FILE_LOADERS) copies domain/gazetteer.bin
// next to the bundle and gives its path relative to the code that imports it. Read and decoded on the
// first lookup, once per environment (docs/weather-provider.md: what it costs).
import { readFileSync } from 'node:fs';
import { lazy } from '#shared/lazy.ts';
import { decodeGazetteer, placeIn } from '../domain/gazetteer.ts';
import type { Place } from '../domain/messages.ts';
import dataFile from '../domain/gazetteer.bin';

const gazetteer = lazy(() => decodeGazetteer(readFileSync(new URL(dataFile, import.meta.url))));

/** The place a city key resolves to, or undefined when the gazetteer does not know the name. */
export const gazetteerPlace = (key: string): Place | undefined => placeIn(gazetteer(), key);
