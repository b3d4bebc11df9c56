// GET a provider URL as JSON: every attempt takes its turn in the provider's quota first (the gate), is let
// through by the shared circuit breaker, is bounded by a timeout, and transient failures (network, timeout,
// 429, 5xx) are retried by p-retry with our delay (full jitter, or the server's Retry-After, which holds every
// caller through the gate). Failures but 429 count towards the breaker; once it opens, the call stops.
import { setTimeout as sleep } from 'node:timers/promises';
import pRetry from 'p-retry';
import { logger } from '#shared/logger.ts';
import { delayBeforeRetry, parseRetryAfter, type RetryPolicy } from '#functions/weather/domain/retry-policy.ts';
import { ProviderOutageError, QuotaWaitError, UpstreamUnavailableError } from '#functions/weather/errors.ts';
import type { CircuitBreaker } from '../circuit-breaker.ts';
import type { CallGate } from '../rate-limiter.ts';
import { countProviderCall } from './call-metrics.ts';

export interface FetchOptions {
  readonly timeoutMs: number;
  readonly policy: RetryPolicy;
  /** Names the provider in errors and logs. */
  readonly provider: string;
  readonly gate: CallGate;
  readonly breaker: CircuitBreaker;
}

export interface JsonResponse {
  readonly status: number;
  readonly body: unknown;
}

class TransientError extends Error {
  override name = 'TransientError';
  constructor(
    message: string,
    /** The provider refused for its quota (429), rather than failed. */
    readonly throttled = false,
    readonly retryAfterMs?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

const attempt = async (url: string, timeoutMs: number): Promise<JsonResponse> => {
  const started = Date.now();
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
  } catch (error) {
    countProviderCall('failed', started);
    // AbortSignal.timeout() rejects with a DOMException whose name is TimeoutError (a manual abort's is AbortError).
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    throw new TransientError(
      timedOut ? `no answer within ${timeoutMs} ms` : `unreachable (${(error as Error).message})`,
      false,
      undefined,
      { cause: error },
    );
  }
  countProviderCall(response.status === 429 ? 'throttled' : response.status >= 500 ? 'failed' : 'answered', started);
  if (response.status === 429 || response.status >= 500) {
    await response.body?.cancel();
    throw new TransientError(
      `answered ${response.status}`,
      response.status === 429,
      parseRetryAfter(response.headers.get('retry-after')),
    );
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, body };
};

/** `weight`: what the call counts against the provider's quota (Open-Meteo: its locations). */
export const getJson = async (
  url: string,
  { timeoutMs, policy, provider, gate, breaker }: FetchOptions,
  weight = 1,
): Promise<JsonResponse> => {
  try {
    return await pRetry(
      async () => {
        await gate.pass(weight);
        const ticket = await breaker.admit();
        try {
          const response = await attempt(url, timeoutMs);
          await ticket.succeeded();
          return response;
        } catch (error) {
          if (!(error instanceof TransientError) || error.throttled) throw error;
          const openMs = await ticket.failed();
          // The circuit is open: no further attempt until it half-opens, here or anywhere.
          if (openMs !== undefined) throw new ProviderOutageError(openMs, error.message, { cause: error });
          throw error;
        }
      },
      {
        retries: policy.attempts - 1,
        // p-retry's own delay is off: onFailedAttempt waits instead, with full jitter or Retry-After.
        minTimeout: 0,
        shouldRetry: ({ error }) => error instanceof TransientError,
        onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
          if (!(error instanceof TransientError)) return;
          // Told to wait: so is every caller, and one that cannot wait that long leaves the call for later.
          if (error.retryAfterMs !== undefined) {
            await gate.hold(Date.now() + error.retryAfterMs);
            if (error.retryAfterMs > policy.maxRetryAfterMs)
              throw error.throttled
                ? new QuotaWaitError(error.retryAfterMs, { cause: error })
                : new ProviderOutageError(error.retryAfterMs, undefined, { cause: error });
          }
          if (retriesLeft === 0) return;
          const delay = delayBeforeRetry(attemptNumber, policy, error.retryAfterMs);
          logger.warn('provider call failed', {
            provider,
            attempt: attemptNumber,
            error: error.message,
            retry_in_ms: delay,
          });
          // Defined: a Retry-After longer than we wait threw above.
          await sleep(delay!);
        },
      },
    );
  } catch (error) {
    if (!(error instanceof TransientError)) throw error;
    const retryAfter = Math.ceil((error.retryAfterMs ?? 5000) / 1000);
    throw new UpstreamUnavailableError(
      `The weather provider ${provider} is unavailable: ${error.message}.`,
      retryAfter,
      { cause: error },
    );
  }
};
