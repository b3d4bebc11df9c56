import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cityKey } from '#functions/weather/domain/city.ts';
import { forecastCell } from '#functions/weather/domain/forecast-cell.ts';
import { gazetteerPlace } from '#functions/weather/store/gazetteer.ts';
import { gazetteer } from '#local/companions/gazetteer.ts';
import { GAZETTEER_DATA, gazetteerData } from '../../scripts/build-gazetteer.ts';

describe('Store: gazetteerPlace()', () => {
  it('is built from the simulated provider gazetteer as it is now (run scripts/build-gazetteer.ts if not)', () => {
    expect(readFileSync(GAZETTEER_DATA).equals(gazetteerData())).toBe(true);
  });

  it('places every name the simulated geocoder knows where it does, to 0.01°', () => {
    const near = (a: number, b: number) => Math.abs(a - b) <= 0.005 + 1e-9;
    const misplaced = [...gazetteer()].filter(([key, place]) => {
      const found = gazetteerPlace(key);
      return (
        !found ||
        found.name !== place.name ||
        !near(found.latitude, place.latitude) ||
        !near(found.longitude, place.longitude)
      );
    });
    expect(misplaced).toEqual([]);
  });

  it('finds a name however it is written, and nothing for an unknown one', () => {
    expect(gazetteerPlace(cityKey('  SÃO   paulo '))?.name).toBe('São Paulo');
    expect(gazetteerPlace(cityKey('Nowhere Kaloven'))).toBeUndefined();
    expect(gazetteerPlace('')).toBeUndefined();
  });
});

describe('Domain: forecastCell()', () => {
  it('puts places within one 0.1° square in one cell, at its centre', () => {
    expect(forecastCell({ name: 'a', latitude: 38.71, longitude: -9.14 })).toEqual({
      key: 'cell#38.7,-9.1',
      latitude: 38.7,
      longitude: -9.1,
    });
    expect(forecastCell({ name: 'b', latitude: 38.74, longitude: -9.06 }).key).toBe('cell#38.7,-9.1');
    expect(forecastCell({ name: 'c', latitude: 38.76, longitude: -9.14 }).key).toBe('cell#38.8,-9.1');
  });

  it('has one cell for -0 and 0, and for the antimeridian from either side', () => {
    expect(forecastCell({ name: 'a', latitude: -0.01, longitude: 0.01 }).key).toBe('cell#0.0,0.0');
    expect(forecastCell({ name: 'b', latitude: 0, longitude: 180 }).key).toBe(
      forecastCell({ name: 'c', latitude: 0, longitude: -180 }).key,
    );
  });
});
