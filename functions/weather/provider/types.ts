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

export interface WeatherProvider {
  /** Recorded as `source` on results. */
  readonly name: string;
  /** Throws CityNotFoundError, UpstreamUnavailableError (transient) or BadGatewayError (bad answer). */
  current(city: string): Promise<Observation>;
}
