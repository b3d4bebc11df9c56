import { NotFoundError, ServiceUnavailableError } from '#shared/errors.ts';

export class CityNotFoundError extends NotFoundError {
  override name = 'CityNotFoundError';
  constructor(city: string) {
    super(`The weather provider knows no city named '${city}'.`, 'city_not_found', { city });
  }
}

/** The provider timed out, throttled us past our patience, or kept failing: the client may retry later. */
export class UpstreamUnavailableError extends ServiceUnavailableError {
  override name = 'UpstreamUnavailableError';
  constructor(detail: string, retryAfterSeconds = 5) {
    super(detail, 'upstream_unavailable', retryAfterSeconds);
  }
}
