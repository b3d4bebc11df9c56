import type { CompanionStarter } from './companions/companion.ts';
import { startWeatherProvider } from './companions/weather-provider.ts';

// The companions the sandbox starts beside the functions (companions/companion.ts says what one is).
export const companions: readonly CompanionStarter[] = [
  // WEATHER_PROVIDER_PORT pins its port so its /__control and /__stats can be reached by hand.
  () => startWeatherProvider(Number(process.env.WEATHER_PROVIDER_PORT ?? 0)),
];
