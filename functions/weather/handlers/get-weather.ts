import { httpHandler } from '#shared/http/handler.ts';
import { lazy } from '#shared/lazy.ts';
import { currentWeather } from '../app/lookup.ts';
import { getWeatherContract } from '../contracts.ts';
import { CACHE_TABLE, HISTORY_TABLE } from '../constants.ts';
import { cacheStore } from '../store/cache.ts';
import { historyStore } from '../store/history.ts';
import { table } from './deps.ts';
import { gatedProvider } from './provider.ts';

const deps = lazy(() => ({
  cache: cacheStore(table(CACHE_TABLE)),
  history: historyStore(table(HISTORY_TABLE)),
  provider: gatedProvider('interactive'),
}));

export const handler = httpHandler(getWeatherContract, async ({ query }) => currentWeather(deps(), query.city));
