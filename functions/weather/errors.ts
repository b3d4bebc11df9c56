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

/**
 * The provider's quota has no turn for this call soon enough (our limiter's, or the provider's Retry-After):
 * a lookup answers 503 with Retry-After, a bulk chunk is put back on the queue until then.
 */
export class QuotaWaitError extends UpstreamUnavailableError {
  override name = 'QuotaWaitError';
  constructor(readonly waitMs: number) {
    super(
      `The weather provider's quota allows this call in ${Math.ceil(waitMs / 1000)} s.`,
      Math.max(1, Math.ceil(waitMs / 1000)),
    );
  }
}
