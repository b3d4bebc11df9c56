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
  constructor(detail: string, retryAfterSeconds = 5, options?: ErrorOptions) {
    super(detail, 'upstream_unavailable', retryAfterSeconds, options);
  }
}

/**
 * A provider call that must wait `waitMs` before it may go: a lookup answers 503 with Retry-After, a bulk chunk
 * is put back on the queue until then (never counted as a failure).
 */
export abstract class ProviderWaitError extends ServiceUnavailableError {
  constructor(
    readonly waitMs: number,
    detail: string,
    code: string,
    options?: ErrorOptions,
  ) {
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    super(`${detail} ${seconds} s.`, code, seconds, options);
  }
}

/** The provider's quota has no turn for this call soon enough (our limiter's, or the provider's Retry-After). */
export class QuotaWaitError extends ProviderWaitError {
  override name = 'QuotaWaitError';
  constructor(waitMs: number, options?: ErrorOptions) {
    super(waitMs, "The weather provider's quota is spent for now: it allows this call in", 'provider_quota', options);
  }
}

/** The provider keeps failing and the circuit breaker holds every call (store/circuit-breaker.ts). */
export class ProviderOutageError extends ProviderWaitError {
  override name = 'ProviderOutageError';
  /** `failure`: what the call that opened the circuit met, when it was this one. */
  constructor(waitMs: number, failure?: string, options?: ErrorOptions) {
    super(
      waitMs,
      `The weather provider is failing${failure ? ` (${failure})` : ''}; calls to it resume in`,
      'upstream_unavailable',
      options,
    );
  }
}
