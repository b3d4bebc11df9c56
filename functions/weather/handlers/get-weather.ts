import { httpHandler } from '#shared/http/handler.ts';
import { currentWeather } from '../app/lookup.ts';
import { getWeatherContract } from '../contracts.ts';
import { lookupDeps } from './provider-deps.ts';

export const handler = httpHandler(getWeatherContract, async ({ query }) => currentWeather(lookupDeps(), query.city));
