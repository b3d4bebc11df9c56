import type { Place } from '#functions/weather/domain/messages.ts';

export type { Place } from '#functions/weather/domain/messages.ts';

/** Current conditions as every provider reports them, in our units. */
export interface Observation {
  /** The provider's name for the place it resolved. */
  readonly city: string;
  readonly temperature_c: number;
  readonly condition: string;
  /** Relative humidity, percent. */
  readonly humidity: number;
  /** ISO-8601 UTC time of the observation. */
  readonly observed_at: string;
}

/** A city to observe; with its place known, the provider skips geocoding. */
export interface CityQuery {
  readonly city: string;
  readonly place?: Place;
}

/**
 * One city's answer. A failure is CityNotFoundError, UpstreamUnavailableError (transient) or
 * BadGatewayError (a bad answer), never thrown: one city's failure leaves the others answered.
 */
export type CityAnswer =
  | { readonly ok: true; readonly observation: Observation; readonly place: Place }
  | { readonly ok: false; readonly error: Error };

export interface WeatherProvider {
  /** Recorded as `source` on results. */
  readonly name: string;
  /** Answers in the order asked, batching the calls where the provider allows it. */
  current(queries: readonly CityQuery[]): Promise<CityAnswer[]>;
}
