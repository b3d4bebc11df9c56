// The HTTP handler pipeline every route uses: request log line, auth from the route's contract, zod
// parsing of query/path/body at the edge, and one error mapper. Handlers receive typed input and
// return what the contract's response schemas describe (checked by the compiler).
import middy from '@middy/core';
import type { MiddlewareObj } from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from '#model/zod.ts';
import type { RouteContract } from '#model/manifest.ts';
import { logger } from '../logger.ts';
import { publishMetrics } from '../metrics.ts';
import { authenticate, type PrincipalOf } from './auth.ts';
import { DEFAULT_MAX_BODY_BYTES, parseJsonBody } from './body.ts';
import { toErrorResponse } from './error-handler.ts';
import type { IdempotentReplay } from './idempotency.ts';
import { isHttpResult, jsonResponse, type HttpResult, type ReplayedResult } from './response.ts';
import { parseOrThrow } from './validation.ts';

type Out<S> = S extends z.core.$ZodType ? z.output<S> : undefined;

type Responses<C extends RouteContract> =
  C['responses'] extends Readonly<Record<number, z.core.$ZodType>> ? C['responses'] : Record<never, never>;
type Status<C extends RouteContract> = keyof Responses<C> & number;
/** Read-only all the way down, so handlers may return their domain's readonly types. */
type Immutable<T> = T extends readonly (infer U)[]
  ? readonly Immutable<U>[]
  : T extends object
    ? { readonly [K in keyof T]: Immutable<T[K]> }
    : T;
type BodyOf<C extends RouteContract, S extends Status<C>> = Responses<C>[S] extends z.core.$ZodType
  ? Immutable<z.input<Responses<C>[S]>>
  : never;

/**
 * What a handler of contract `C` may return: the 200 body as is, or `respond(status, body)` for any
 * status the contract declares, each body typed by that status's schema; or a stored response replayed.
 */
export type ResultOf<C extends RouteContract> =
  | (200 extends Status<C> ? BodyOf<C, 200> : never)
  | { [S in Status<C>]: HttpResult<BodyOf<C, S>, S> }[Status<C>]
  | ReplayedResult;

export interface HttpRequest<C extends RouteContract> {
  readonly query: Out<C['query']>;
  readonly params: Out<C['params']>;
  readonly body: Out<C['body']>;
  readonly principal: PrincipalOf<C['auth']>;
  readonly event: APIGatewayProxyEventV2;
  readonly context: Context;
}

export interface HttpHandlerOptions {
  /** Requests with a larger body get 413 before any parsing. */
  readonly maxBodyBytes?: number;
  /** Runs the handler at most once per `Idempotency-Key` and replays its outcome (`idempotentReplay()`). */
  readonly idempotency?: IdempotentReplay;
}

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;

/**
 * One structured line per request: route, status, latency. Every line of the request carries its
 * correlation id, API Gateway's request id (the `apigw-requestid` header the client gets back), and the
 * metrics it recorded are written at its end.
 */
const accessLog = (): MiddlewareObj<Event, Result> => {
  let started = 0;
  const log = (request: { event: Event; response: Result | null | undefined }): void => {
    logger.info('request', {
      route: request.event.routeKey,
      status: request.response?.statusCode,
      latency_ms: Date.now() - started,
    });
    publishMetrics();
  };
  return {
    before: (request) => {
      started = Date.now();
      logger.setCorrelationId(request.event.requestContext.requestId);
    },
    after: log,
    onError: log,
  };
};

const errorMapper = (): MiddlewareObj<Event, Result> => ({
  onError: (request) => {
    request.response = toErrorResponse(request.error);
  },
});

export const httpHandler = <C extends RouteContract>(
  contract: C,
  fn: (request: HttpRequest<C>) => Promise<ResultOf<C>>,
  options: HttpHandlerOptions = {},
) => {
  const parse = <S extends z.core.$ZodType | undefined>(schema: S, input: unknown, where: string) =>
    (schema ? parseOrThrow(schema, input, where) : undefined) as Out<S>;

  const base = async (event: Event, context: Context): Promise<Result> => {
    const principal = await authenticate<C['auth']>(contract.auth, event);
    const body = contract.body ? parseJsonBody(event, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES) : undefined;
    const request: HttpRequest<C> = {
      query: parse<C['query']>(contract.query, event.queryStringParameters ?? {}, 'query'),
      params: parse<C['params']>(contract.params, event.pathParameters ?? {}, 'path'),
      body: parse<C['body']>(contract.body, body, 'body'),
      principal,
      event,
      context,
    };
    const result = options.idempotency
      ? await options.idempotency(event, context, request.body, () => fn(request))
      : await fn(request);
    return isHttpResult(result)
      ? jsonResponse(result.statusCode, result.body, result.headers)
      : jsonResponse(200, result);
  };

  const pipeline = middy<Event, Result>(base).use(injectLambdaContext(logger)).use(accessLog()).use(errorMapper());
  // The contract rides along so a test can hold each route's handler to the contract its manifest
  // line declares: the auth mode is the contract's, so the two must be the same object.
  return Object.assign(pipeline, { contract });
};
