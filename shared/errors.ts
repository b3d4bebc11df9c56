// One error hierarchy for every HTTP handler. Each error carries the status and a stable machine code;
// `shared/http/error-handler.ts` turns it into `{detail, code}`. Throw these; never build error responses.
// Each takes ErrorOptions last, so the error it replaces travels along as its `cause`.
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    detail: string,
    /** Extra fields merged into the error body (e.g. the id of the existing duplicate). */
    readonly extra: Readonly<Record<string, unknown>> = {},
    readonly headers: Readonly<Record<string, string>> = {},
    options?: ErrorOptions,
  ) {
    super(detail, options);
  }
}

const kind = (statusCode: number, defaultCode: string, name: string) =>
  class extends AppError {
    override name = name;
    constructor(
      detail: string,
      code: string = defaultCode,
      extra: Readonly<Record<string, unknown>> = {},
      options?: ErrorOptions,
    ) {
      super(statusCode, code, detail, extra, {}, options);
    }
  };

export const BadRequestError = kind(400, 'bad_request', 'BadRequestError');
export const ValidationError = kind(400, 'validation_error', 'ValidationError');
export const UnauthorizedError = kind(401, 'unauthorized', 'UnauthorizedError');
export const NotFoundError = kind(404, 'not_found', 'NotFoundError');
export const ConflictError = kind(409, 'conflict', 'ConflictError');
export const PayloadTooLargeError = kind(413, 'payload_too_large', 'PayloadTooLargeError');
export const UnsupportedMediaTypeError = kind(415, 'unsupported_media_type', 'UnsupportedMediaTypeError');
export const UnprocessableEntityError = kind(422, 'unprocessable_entity', 'UnprocessableEntityError');
export const BadGatewayError = kind(502, 'upstream_unavailable', 'BadGatewayError');

/** 405 with the `Allow` header HTTP requires, listing the methods the path does accept. */
export class MethodNotAllowedError extends AppError {
  override name = 'MethodNotAllowedError';
  constructor(detail: string, allowed: readonly string[], options?: ErrorOptions) {
    super(405, 'method_not_allowed', detail, {}, { allow: allowed.join(', ') }, options);
  }
}

export class ServiceUnavailableError extends AppError {
  override name = 'ServiceUnavailableError';
  constructor(detail: string, code = 'service_unavailable', retryAfterSeconds = 1, options?: ErrorOptions) {
    super(503, code, detail, {}, { 'retry-after': String(retryAfterSeconds) }, options);
  }
}

/** 429 with the Retry-After a well-behaved client waits for. */
export class TooManyRequestsError extends AppError {
  override name = 'TooManyRequestsError';
  constructor(detail: string, retryAfterSeconds: number, code = 'too_many_requests', options?: ErrorOptions) {
    super(429, code, detail, {}, { 'retry-after': String(retryAfterSeconds) }, options);
  }
}
