// Places close enough to share one forecast: a 0.1° grid (about 11 km north-south), the resolution of
// Open-Meteo's global models (ECMWF IFS 9 km, DWD ICON 11 km, NOAA GFS 13 km at its finest). The workers ask
// the provider once per cell, at its centre, and cache the answer under the cell's key: two cities in one cell
// cost one location of one call, and the second is a cache hit for 15 minutes. '#' is never in a city name
// (csv-row.ts), so a cell key cannot collide with a city's in the cache table.
import type { Place } from './messages.ts';

const CELL_DEGREES = 0.1;

export interface ForecastCell {
  readonly key: string;
  readonly latitude: number;
  readonly longitude: number;
}

const centre = (degrees: number): string => (Math.round(degrees / CELL_DEGREES) * CELL_DEGREES).toFixed(1);

export const forecastCell = ({ latitude, longitude }: Place): ForecastCell => {
  const lat = centre(latitude);
  // -0.0 and 0.0 are one cell; 180 and -180 are one meridian.
  const lon = centre(longitude === 180 ? -180 : longitude);
  const [la, lo] = [lat === '-0.0' ? '0.0' : lat, lon === '-0.0' ? '0.0' : lon];
  return { key: `cell#${la},${lo}`, latitude: Number(la), longitude: Number(lo) };
};
