// WMO weather interpretation codes (what Open-Meteo reports as `weather_code`) -> a short condition.
const WMO: ReadonlyArray<readonly [codes: readonly number[], condition: string]> = [
  [[0], 'clear'],
  [[1, 2], 'partly cloudy'],
  [[3], 'overcast'],
  [[45, 48], 'fog'],
  [[51, 53, 55, 56, 57], 'drizzle'],
  [[61, 63, 65, 66, 67, 80, 81, 82], 'rain'],
  [[71, 73, 75, 77, 85, 86], 'snow'],
  [[95, 96, 99], 'thunderstorm'],
];

export const wmoCondition = (code: number): string => WMO.find(([codes]) => codes.includes(code))?.[1] ?? 'unknown';
