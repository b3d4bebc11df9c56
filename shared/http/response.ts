import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** A handler result with a non-200 status or extra headers; plain objects are 200 JSON. */
export interface HttpResult<T = unknown, S extends number = number> {
  readonly [HTTP_RESULT]: true;
  readonly statusCode: S;
  readonly body: T;
  readonly headers: Readonly<Record<string, string>>;
}

const HTTP_RESULT = Symbol('HttpResult');

export const respond = <const S extends number, T>(
  statusCode: S,
  body: T,
  headers: Record<string, string> = {},
): HttpResult<T, S> => ({
  [HTTP_RESULT]: true,
  statusCode,
  body,
  headers,
});

/** A response stored earlier and returned verbatim (an idempotent replay): its status may be any. */
export interface ReplayedResult extends HttpResult<unknown, number> {
  readonly replayed: true;
}

export const replay = (statusCode: number, body: unknown, headers: Record<string, string>): ReplayedResult => ({
  ...respond(statusCode, body, headers),
  replayed: true,
});

export const isHttpResult = (value: unknown): value is HttpResult =>
  typeof value === 'object' && value !== null && HTTP_RESULT in value;

export const jsonResponse = (
  statusCode: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'application/json', ...headers },
  body: body === undefined ? '' : JSON.stringify(body),
});
