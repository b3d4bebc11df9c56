// `Idempotency-Key` as an option of the HTTP pipeline (`httpHandler(contract, fn, { idempotency })`), as
// Powertools' makeHandlerIdempotent is for a Middy handler: the first outcome for a key (2xx or a client
// error such as a 409) is stored and replayed as is; a different body under the same key is refused.
// Transient failures (5xx) are not stored, so a retry can still succeed. A route opts in by building the
// option in its handler file, so only its bundle carries Powertools Idempotency.
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyPersistenceLayerError,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type * as z from '#model/zod.ts';
import { AppError, ConflictError, UnprocessableEntityError } from '../errors.ts';
import { lazy } from '../lazy.ts';
import { toErrorResponse } from './error-handler.ts';
import { isHttpResult, replay, type ReplayedResult } from './response.ts';
import { parseOrThrow } from './validation.ts';

export class IdempotencyKeyReuseError extends UnprocessableEntityError {
  override name = 'IdempotencyKeyReuseError';
  constructor(options?: ErrorOptions) {
    super('This Idempotency-Key was already used with a different request body.', 'idempotency_key_reuse', {}, options);
  }
}

export class IdempotencyInProgressError extends ConflictError {
  override name = 'IdempotencyInProgressError';
  constructor(options?: ErrorOptions) {
    super(
      'A request with this Idempotency-Key is still in progress; retry shortly.',
      'idempotency_in_progress',
      {},
      options,
    );
  }
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

/** What a handler returned (a plain body is a 200), as stored. */
const store = (result: unknown): StoredOutcome =>
  isHttpResult(result)
    ? { statusCode: result.statusCode, json: JSON.stringify(result.body), headers: { ...result.headers } }
    : { statusCode: 200, json: JSON.stringify(result), headers: {} };

/** A client error is a final outcome worth replaying; anything else propagates and is not stored. */
const storeError = (error: unknown): StoredOutcome => {
  if (!(error instanceof AppError) || error.statusCode >= 500) throw error;
  return { statusCode: error.statusCode, json: String(toErrorResponse(error).body), headers: { ...error.headers } };
};

const translate = (error: unknown): unknown => {
  if (error instanceof IdempotencyValidationError) return new IdempotencyKeyReuseError({ cause: error });
  if (error instanceof IdempotencyAlreadyInProgressError) return new IdempotencyInProgressError({ cause: error });
  // The store's own failure (e.g. throttling) maps like any dependency error: 503.
  if (error instanceof IdempotencyPersistenceLayerError) return error.cause ?? error;
  return error;
};

export interface IdempotencyOptions {
  /** Where the outcomes are kept (the idempotency table); built on the first request. */
  readonly persistenceStore: () => BasePersistenceLayer;
  readonly expiresAfterSeconds: number;
  /** The `Idempotency-Key` header's schema; an absent key runs the handler every time. */
  readonly key: z.core.$ZodType<string | undefined, string | undefined>;
}

/** Runs a request's handler at most once per key and answers with the stored outcome. */
export type IdempotentReplay = (
  event: APIGatewayProxyEventV2,
  context: Context,
  body: unknown,
  run: () => Promise<unknown>,
) => Promise<ReplayedResult>;

export const idempotentReplay = ({
  persistenceStore,
  expiresAfterSeconds,
  key,
}: IdempotencyOptions): IdempotentReplay => {
  // The key is the header; the payload check hashes the parsed, canonical body (zod output: fixed key
  // order, canonical decimals), so `15.5` and `"15.50"` are the same request, a changed material is not.
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'key',
    payloadValidationJmesPath: 'body',
    expiresAfterSeconds,
  });
  // Built once: makeIdempotent binds the handler to the table that keeps its replayable outcomes.
  const once = lazy(() =>
    makeIdempotent(
      async (request: { key: string | undefined; body: unknown; run: () => Promise<unknown> }, _context: Context) =>
        request.run().then(store, storeError),
      { persistenceStore: persistenceStore(), config },
    ),
  );
  return async (event, context, body, run) => {
    const request = { key: parseOrThrow(key, event.headers['idempotency-key'], 'header.Idempotency-Key'), body, run };
    const outcome = await once()(request, context).catch((error: unknown) => {
      throw translate(error);
    });
    return replay(outcome.statusCode, JSON.parse(outcome.json) as unknown, outcome.headers);
  };
};
