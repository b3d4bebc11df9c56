import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** A handler result with a non-200 status or extra headers; plain objects are 200 JSON. */
export interface HttpResult<T = unknown> {
  readonly [HTTP_RESULT]: true;
  readonly statusCode: number;
  readonly body: T;
  readonly headers: Readonly<Record<string, string>>;
}

const HTTP_RESULT = Symbol('HttpResult');

export const respond = <T>(statusCode: number, body: T, headers: Record<string, string> = {}): HttpResult<T> => ({
  [HTTP_RESULT]: true,
  statusCode,
  body,
  headers,
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
