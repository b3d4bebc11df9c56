import { BadRequestError, NotFoundError, ServiceUnavailableError } from '#shared/errors.ts';

export class CityNotFoundError extends NotFoundError {
  override name = 'CityNotFoundError';
  constructor(city: string) {
    super(`The weather provider knows no city named '${city}'.`, 'city_not_found', { city });
  }
}

export class JobNotFoundError extends NotFoundError {
  override name = 'JobNotFoundError';
  constructor(jobId: string) {
    super(`No bulk job ${jobId}.`, 'job_not_found');
  }
}

/** An imported file that can never be split: it fails its job (the message is the job's error). */
export class MissingCityColumnError extends BadRequestError {
  override name = 'MissingCityColumnError';
  constructor(header: readonly string[]) {
    super(`The header has no 'city' column: ${header.join(',')}`, 'missing_city_column');
  }
}

/** The provider timed out, throttled us past our patience, or kept failing: the client may retry later. */
export class UpstreamUnavailableError extends ServiceUnavailableError {
  override name = 'UpstreamUnavailableError';
  constructor(detail: string, retryAfterSeconds = 5) {
    super(detail, 'upstream_unavailable', retryAfterSeconds);
  }
}
