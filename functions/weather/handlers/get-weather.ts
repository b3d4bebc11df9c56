import { httpHandler } from '#shared/http/handler.ts';
import { lazy } from '#shared/lazy.ts';
import { currentWeather } from '../app/lookup.ts';
import { getWeatherContract } from '../contracts/routes.ts';
import { readProviderConfig } from '../provider/config.ts';
import { createProvider } from '../provider/index.ts';
import { cache, history } from './deps.ts';

const deps = lazy(() => ({ cache: cache(), history: history(), provider: createProvider(readProviderConfig()) }));

export const handler = httpHandler(getWeatherContract, async ({ query }) => currentWeather(deps(), query.city));
