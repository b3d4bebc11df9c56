// The simulated weather provider: a small HTTP server speaking Open-Meteo's format (geocoding
// `/v1/search` against a real gazetteer, so unknown names find nothing as they would in production;
// forecast `/v1/forecast` for one or many comma-separated coordinates, deterministic per coordinate),
// with switches for latency, 429 (with Retry-After), 5xx, timeouts, unknown cities and a quota (Open-Meteo's
// sliding windows, weighted by locations), and a call log.
// Tests drive it in-process;
// by hand: `curl -XPOST $URL/__control -d '{"failNext":{"count":2,"status":429,"retryAfterSeconds":1}}'`,
// `curl $URL/__stats`.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Companion } from './companion.ts';
import { listen } from '../http/server.ts';
import { cityKey } from '#functions/weather/domain/city.ts';
import { gazetteer } from './gazetteer.ts';

export interface ProviderSwitches {
  /** Added before every answer. */
  readonly latencyMs: number;
  /** Every call answers 503. */
  readonly down: boolean;
  /** Every call is held open unanswered (the client's timeout fires). */
  readonly hang: boolean;
  /** Real names geocoding pretends not to find (case-insensitive). */
  readonly unknownCities: readonly string[];
  /** Places geocoding knows besides the gazetteer (a real geocoder knows villages the workers' gazetteer lacks). */
  readonly extraCities: readonly { readonly name: string; readonly latitude: number; readonly longitude: number }[];
  /**
   * Open-Meteo's limits: at most `calls` answered calls in any `windowSeconds` (sliding), a call weighing as
   * many calls as it has locations (open-meteo.com/en/pricing); past one, 429 with Retry-After. None by default.
   */
  readonly quota: readonly Quota[];
}

export interface Quota {
  readonly calls: number;
  readonly windowSeconds: number;
}

export interface ProviderCall {
  readonly path: string;
  readonly status: number | 'hung';
  /** Epoch ms when the request arrived. */
  readonly at: number;
  /** What the call counts against the quota: its locations (a forecast), else 1. */
  readonly weight: number;
}

export interface SimulatedProvider extends Companion {
  readonly url: string;
  readonly log: readonly ProviderCall[];
  /** Forecast calls (each for one or many places). */
  forecastCalls(): number;
  /** Geocoding calls (one per city). */
  geocodingCalls(): number;
  set(switches: Partial<ProviderSwitches>): void;
  /** The next `count` calls answer `status` (e.g. 429 or 500), with Retry-After when given. */
  failNext(count: number, status: number, retryAfterSeconds?: number): void;
  /** The next `count` calls are held unanswered. */
  hangNext(count: number): void;
  reset(): void;
}

const DEFAULTS: ProviderSwitches = {
  latencyMs: 0,
  down: false,
  hang: false,
  unknownCities: [],
  extraCities: [],
  quota: [],
};
const WMO_CODES = [0, 1, 2, 3, 45, 51, 61, 63, 71, 80, 95];

/** Stable numbers in [0, 1) from a text: the same coordinates always have the same weather. */
const unitValues = (text: string): number[] => {
  const digest = createHash('sha256').update(text).digest();
  return [0, 4, 8, 12].map((offset) => digest.readUInt32BE(offset) / 2 ** 32);
};
const round = (n: number, digits: number): number => Number(n.toFixed(digits));

const geocode = (name: string, { unknownCities, extraCities }: ProviderSwitches): object => {
  const key = cityKey(name);
  const place = unknownCities.some((c) => cityKey(c) === key)
    ? undefined
    : (gazetteer().get(key) ?? extraCities.find((c) => cityKey(c.name) === key));
  if (!place) return { generationtime_ms: 0.1 };
  const { name: found, latitude, longitude } = place;
  return { results: [{ name: found, latitude, longitude }], generationtime_ms: 0.1 };
};

const forecast = (latitude: string, longitude: string, now: Date): object => {
  const [t = 0, h = 0, w = 0] = unitValues(`${latitude},${longitude}`);
  // Open-Meteo reports the current 15-minute slot, in GMT with timezone=GMT, minute precision.
  const slot = new Date(Math.floor(now.getTime() / 900_000) * 900_000).toISOString().slice(0, 16);
  return {
    latitude: Number(latitude),
    longitude: Number(longitude),
    timezone: 'GMT',
    current_units: {
      time: 'iso8601',
      interval: 'seconds',
      temperature_2m: '°C',
      relative_humidity_2m: '%',
      weather_code: 'wmo code',
    },
    current: {
      time: slot,
      interval: 900,
      temperature_2m: round(t * 60 - 20, 1),
      relative_humidity_2m: Math.round(20 + h * 80),
      weather_code: WMO_CODES[Math.floor(w * WMO_CODES.length)],
    },
  };
};

/** Seconds until a call of `weight` at `at` fits every quota, given the answered calls; 0 when it fits now. */
const quotaWait = (log: readonly ProviderCall[], quota: readonly Quota[], at: number, weight: number): number => {
  let waitMs = 0;
  for (const { calls, windowSeconds } of quota) {
    const windowMs = windowSeconds * 1000;
    const counted = log.filter((c) => c.status === 200 && c.at > at - windowMs);
    let excess = counted.reduce((n, c) => n + c.weight, 0) + weight - calls;
    // The oldest calls leave the window first: wait until enough of them have.
    for (const c of counted) {
      if (excess <= 0) break;
      excess -= c.weight;
      waitMs = Math.max(waitMs, c.at + windowMs - at);
    }
    if (excess > 0) waitMs = Math.max(waitMs, windowMs);
  }
  return Math.ceil(waitMs / 1000);
};

const readJson = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
  let raw = '';
  for await (const chunk of req) raw += String(chunk);
  return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
};

export const startWeatherProvider = async (port = 0): Promise<SimulatedProvider> => {
  let switches: ProviderSwitches = DEFAULTS;
  let scripted: { status: number | 'hang'; retryAfterSeconds?: number }[] = [];
  const log: ProviderCall[] = [];

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  const control = {
    set: (next: Partial<ProviderSwitches>): void => {
      switches = { ...switches, ...next };
    },
    failNext: (count: number, status: number, retryAfterSeconds?: number) => {
      for (let i = 0; i < count; i++)
        scripted.push({ status, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) });
    },
    hangNext: (count: number) => {
      for (let i = 0; i < count; i++) scripted.push({ status: 'hang' });
    },
    reset: () => {
      switches = DEFAULTS;
      scripted = [];
      log.length = 0;
    },
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://provider');
    void (async () => {
      if (url.pathname === '/__stats')
        return send(res, 200, { forecast_calls: log.filter((c) => c.path === '/v1/forecast').length, calls: log });
      if (url.pathname === '/__control' && req.method === 'POST') {
        const body = await readJson(req);
        if (body.reset) control.reset();
        if (body.set) control.set(body.set as Partial<ProviderSwitches>);
        const fail = body.failNext as { count: number; status: number; retryAfterSeconds?: number } | undefined;
        if (fail) control.failNext(fail.count, fail.status, fail.retryAfterSeconds);
        if (typeof body.hangNext === 'number') control.hangNext(body.hangNext);
        return send(res, 200, { switches, scripted: scripted.length });
      }
      const at = Date.now();
      const q = url.searchParams;
      const latitudes = q.get('latitude')?.split(',') ?? [];
      const longitudes = q.get('longitude')?.split(',') ?? [];
      const call = { path: url.pathname, at, weight: url.pathname === '/v1/forecast' ? latitudes.length : 1 };
      const next =
        scripted.shift() ?? (switches.hang ? { status: 'hang' as const } : switches.down ? { status: 503 } : undefined);
      if (next?.status === 'hang') {
        log.push({ ...call, status: 'hung' });
        return; // never answered; the connection is closed when the client gives up or the server stops
      }
      if (switches.latencyMs > 0) await sleep(switches.latencyMs);
      const wait = next ? 0 : quotaWait(log, switches.quota, at, call.weight);
      const refusal =
        (next as { status: number; retryAfterSeconds?: number } | undefined) ??
        (wait > 0 ? { status: 429, retryAfterSeconds: wait } : undefined);
      if (refusal) {
        log.push({ ...call, status: refusal.status });
        const headers: Record<string, string> =
          refusal.retryAfterSeconds === undefined ? {} : { 'retry-after': String(refusal.retryAfterSeconds) };
        return send(res, refusal.status, { error: true, reason: `simulated ${refusal.status}` }, headers);
      }
      if (url.pathname === '/v1/search') {
        log.push({ ...call, status: 200 });
        return send(res, 200, geocode(q.get('name') ?? '', switches));
      }
      if (url.pathname === '/v1/forecast' && latitudes.length > 0 && latitudes.length === longitudes.length) {
        log.push({ ...call, status: 200 });
        const now = new Date();
        const locations = latitudes.map((lat, i) => forecast(lat, longitudes[i]!, now));
        // As Open-Meteo: one location is an object, several a list.
        return send(res, 200, locations.length === 1 ? locations[0] : locations);
      }
      log.push({ ...call, status: 400 });
      send(res, 400, { error: true, reason: `unsupported request ${url.pathname}` });
    })().catch((error: unknown) => send(res, 500, { error: true, reason: (error as Error).message }));
  });

  gazetteer(); // decoded before the first request, not during it
  const bound = await listen(server, port);
  const url = `http://127.0.0.1:${bound}`;
  return {
    url,
    env: { WEATHER_PROVIDER: 'simulated', WEATHER_PROVIDER_URL: url },
    log,
    forecastCalls: () => log.filter((c) => c.path === '/v1/forecast').length,
    geocodingCalls: () => log.filter((c) => c.path === '/v1/search').length,
    ...control,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
