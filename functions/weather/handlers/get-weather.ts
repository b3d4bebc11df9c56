import { httpHandler } from '#shared/http/handler.ts';
import { lazy } from '#shared/lazy.ts';
import { currentWeather } from '../app/lookup.ts';
import { getWeatherContract } from '../contracts/routes.ts';
import { cache, history, provider } from './deps.ts';

const deps = lazy(() => ({ cache: cache(), history: history(), provider: provider() }));

export const handler = httpHandler(getWeatherContract, async ({ query }) => currentWeather(deps(), query.city));
