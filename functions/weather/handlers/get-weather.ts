import { httpHandler } from '#shared/http/handler.ts';
import { getWeatherContract } from '../contracts.ts';
import { lookupWeather } from '../lookup.ts';
import { addToHistory } from '../store/history.ts';

export const handler = httpHandler(getWeatherContract, async ({ query }) => {
  const { city, temperature_c, condition, humidity, observed_at, source, cached } = await lookupWeather(query.city);
  const weather = { city, temperature_c, condition, humidity, observed_at, source, cached };
  await addToHistory({ ...weather, searched_at: new Date().toISOString() });
  return weather;
});
