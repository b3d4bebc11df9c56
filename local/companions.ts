import { startWeatherProvider } from './companions/weather-provider.ts';

// Local stand-ins for third-party services that the sandbox starts beside the functions. Each returns
// the environment the functions need to reach it and a way to stop it.
export interface Companion {
  readonly env: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

export type CompanionStarter = () => Promise<Companion>;

export const companions: readonly CompanionStarter[] = [
  // WEATHER_PROVIDER_PORT pins its port so its /__control and /__stats can be reached by hand.
  () => startWeatherProvider(Number(process.env.WEATHER_PROVIDER_PORT ?? 0)),
];
