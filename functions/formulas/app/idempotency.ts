// `Idempotency-Key` for POST /formulas with Powertools Idempotency: the first outcome for a key
// (2xx or a client error such as the 409) is stored and replayed as is; a different body under the
// same key is refused. Transient failures (5xx) are not stored, so a retry can still succeed.
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { Context } from 'aws-lambda';
import { AppError } from '#shared/errors.ts';
import { toErrorResponse } from '#shared/http/error-handler.ts';
import { replay, type ReplayedResult } from '#shared/http/response.ts';
import { IDEMPOTENCY_TTL_SECONDS } from '../constants.ts';
import { IdempotencyInProgressError, IdempotencyKeyReuseError } from '../errors.ts';

/** A response as produced by the submission. */
export interface Outcome {
  readonly statusCode: number;
  readonly body: unknown;
  readonly headers: Record<string, string>;
}

/**
 * As stored in the idempotency record: the body as JSON text, because a DynamoDB map does not keep
 * key order and a replay must be byte-identical.
 */
interface StoredOutcome {
  readonly statusCode: number;
  readonly json: string;
  readonly headers: Record<string, string>;
}

const store = ({ statusCode, body, headers }: Outcome): StoredOutcome => ({
  statusCode,
  json: JSON.stringify(body),
  headers,
});

// The key is the header; the payload check hashes the parsed, canonical body (zod output: fixed key
// order, canonical decimals), so `15.5` and `"15.50"` are the same request, a changed material is not.
const config = new IdempotencyConfig({
  eventKeyJmesPath: 'key',
  payloadValidationJmesPath: 'body',
  expiresAfterSeconds: IDEMPOTENCY_TTL_SECONDS,
});

/** A client error is a final outcome worth replaying; anything else propagates and is not stored. */
const storeError = (error: unknown): StoredOutcome => {
  if (!(error instanceof AppError) || error.statusCode >= 500) throw error;
  return { statusCode: error.statusCode, json: String(toErrorResponse(error).body), headers: { ...error.headers } };
};

const translate = (error: unknown): unknown => {
  switch ((error as Error).name) {
    case 'IdempotencyValidationError':
      return new IdempotencyKeyReuseError();
    case 'IdempotencyAlreadyInProgressError':
      return new IdempotencyInProgressError();
    case 'IdempotencyPersistenceLayerError':
      // The store's own failure (e.g. throttling) maps like any dependency error: 503.
      return (error as Error).cause ?? error;
    default:
      return error;
  }
};

/**
 * Runs `fn` at most once per Idempotency-Key (none given: every time) and answers with its outcome;
 * `persistenceStore` keeps the outcomes (the idempotency table).
 */
export const idempotentOutcome = <B>(persistenceStore: BasePersistenceLayer, fn: (body: B) => Promise<Outcome>) => {
  const once = makeIdempotent(
    async (request: { key: string | undefined; body: B }, _context: Context): Promise<StoredOutcome> =>
      fn(request.body).then(store, storeError),
    { persistenceStore, config },
  );
  return async (key: string | undefined, body: B, context: Context): Promise<ReplayedResult> => {
    const outcome = await once({ key, body }, context).catch((error: unknown) => {
      throw translate(error);
    });
    return replay(outcome.statusCode, JSON.parse(outcome.json) as unknown, outcome.headers);
  };
};
