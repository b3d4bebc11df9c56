// City records, one per normalised name: the name first seen, when, and the place the provider
// resolved it to (so a re-import makes no geocoding call). The splitter creates missing Cities in
// batches; a worker adds the place the first time it geocodes the city (settle.ts).
import type { Place } from '../domain/messages.ts';
import type { SplitCity } from '../domain/split-csv.ts';
import { getMany, putMany, type TransactItem } from './batch.ts';
import type { TableConfig } from '#shared/dynamodb/table.ts';

interface CityItem {
  readonly city_key: string;
  readonly name: string;
  readonly created_at: string;
  readonly place?: Place;
}

export interface CitiesStore {
  /**
   * Creates the Cities of `cities` that do not exist yet and returns the places already known, by key.
   * Existing Cities are never rewritten (BatchWriteItem cannot be conditional, hence the read first), so
   * running it again for the same file changes nothing. Two imports creating the same new City at once
   * both write the same name; a place a worker added in between would be lost and geocoded again.
   */
  upsert(cities: readonly SplitCity[], now: string): Promise<Map<string, Place>>;
  /** The transaction item that records a newly resolved place on its City (creating it if need be). */
  placeItem(key: string, city: string, place: Place, now: string): TransactItem;
}

export const citiesStore = ({ db, table }: TableConfig): CitiesStore => ({
  upsert: async (cities, now) => {
    const existing = (await getMany(
      db,
      table,
      cities.map((c) => ({ city_key: c.key })),
    )) as unknown as CityItem[];
    const known = new Set(existing.map((c) => c.city_key));
    const created: CityItem[] = cities
      .filter((c) => !known.has(c.key))
      .map((c) => ({ city_key: c.key, name: c.city, created_at: now }));
    await putMany(db, table, created as unknown as Record<string, unknown>[]);
    return new Map(existing.flatMap((c) => (c.place ? [[c.city_key, c.place] as const] : [])));
  },
  placeItem: (key, city, place, now) => ({
    Update: {
      TableName: table,
      Key: { city_key: key },
      UpdateExpression:
        'SET #name = if_not_exists(#name, :name), created_at = if_not_exists(created_at, :now), place = :place, placed_at = :now',
      ExpressionAttributeNames: { '#name': 'name' },
      ExpressionAttributeValues: { ':name': city, ':now': now, ':place': place },
    },
  }),
});
