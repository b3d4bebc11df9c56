// GET a provider URL as JSON: every attempt bounded by a timeout, transient failures (network, timeout,
// 429, 5xx) retried by p-retry with our delay (full jitter, or the server's Retry-After).
import { setTimeout as sleep } from 'node:timers/promises';
import pRetry from 'p-retry';
import { logger } from '#shared/logger.ts';
import { delayBeforeRetry, parseRetryAfter, type RetryPolicy } from '#functions/weather/domain/retry-policy.ts';
import { UpstreamUnavailableError } from '#functions/weather/errors.ts';
import { countProviderCall } from './call-metrics.ts';

export interface FetchOptions {
  readonly timeoutMs: number;
  readonly policy: RetryPolicy;
  /** Names the provider in errors and logs. */
  readonly provider: string;
}

export interface JsonResponse {
  readonly status: number;
  readonly body: unknown;
}

class TransientError extends Error {
  override name = 'TransientError';
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

const attempt = async (url: string, timeoutMs: number): Promise<JsonResponse> => {
  const started = Date.now();
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
  } catch (error) {
    countProviderCall('failed', started);
    const timedOut = (error as Error).name === 'TimeoutError';
    throw new TransientError(
      timedOut ? `no answer within ${timeoutMs} ms` : `unreachable (${(error as Error).message})`,
    );
  }
  countProviderCall(response.status === 429 ? 'throttled' : response.status >= 500 ? 'failed' : 'answered', started);
  if (response.status === 429 || response.status >= 500) {
    await response.body?.cancel();
    throw new TransientError(`answered ${response.status}`, parseRetryAfter(response.headers.get('retry-after')));
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

export const getJson = async (url: string, { timeoutMs, policy, provider }: FetchOptions): Promise<JsonResponse> => {
  try {
    return await pRetry(() => attempt(url, timeoutMs), {
      retries: policy.attempts - 1,
      // p-retry's own delay is off: onFailedAttempt waits instead, with full jitter or Retry-After.
      minTimeout: 0,
      shouldRetry: ({ error }) => error instanceof TransientError,
      onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
        if (!(error instanceof TransientError) || retriesLeft === 0) return;
        const delay = delayBeforeRetry(attemptNumber, policy, error.retryAfterMs);
        logger.warn('provider call failed', {
          provider,
          attempt: attemptNumber,
          error: error.message,
          retry_in_ms: delay,
        });
        // Asked to wait longer than we will: give up now rather than hold the request.
        if (delay === undefined) throw error;
        await sleep(delay);
      },
    });
  } catch (error) {
    if (!(error instanceof TransientError)) throw error;
    const retryAfter = Math.ceil((error.retryAfterMs ?? 5000) / 1000);
    throw new UpstreamUnavailableError(
      `The weather provider ${provider} is unavailable: ${error.message}.`,
      retryAfter,
    );
  }
};
