import { ConfigError } from '#shared/config.ts';
import type { CircuitBreaker } from '../circuit-breaker.ts';
import type { CallGate } from '../rate-limiter.ts';
import { providerName, retryPolicy, type ProviderConfig } from './config.ts';
import { OPEN_METEO_URLS, openMeteo } from './open-meteo.ts';
import { openWeather } from './openweather.ts';
import type { Observation, Place, WeatherProvider } from './types.ts';

export type { CityAnswer, CityQuery, Observation, Place, WeatherProvider } from './types.ts';

/** One city, by name or at its place: its observation, or its failure thrown (CityNotFoundError, ...). */
export const observeCity = async (provider: WeatherProvider, city: string, place?: Place): Promise<Observation> => {
  const [answer] = await provider.current([place ? { city, place } : { city }]);
  if (!answer!.ok) throw answer!.error;
  return answer!.observation;
};

/** The provider the configuration selects (see config.ts), every call passing `gate` and `breaker` first. */
export const createProvider = (config: ProviderConfig, gate: CallGate, breaker: CircuitBreaker): WeatherProvider => {
  const options = { timeoutMs: config.WEATHER_TIMEOUT_MS, policy: retryPolicy(config), gate, breaker };
  switch (providerName(config)) {
    case 'simulated': {
      const url = config.WEATHER_PROVIDER_URL!;
      return { ...openMeteo({ geocoding: url, forecast: url }, options), name: 'simulated' };
    }
    case 'openweather':
      if (!config.OPENWEATHER_API_KEY) throw new ConfigError('WEATHER_PROVIDER=openweather needs OPENWEATHER_API_KEY.');
      return openWeather(config.OPENWEATHER_API_KEY, options);
    case 'open-meteo':
      return openMeteo(OPEN_METEO_URLS, options);
  }
};
