import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { AppError } from '../errors.ts';
import { logger } from '../logger.ts';
import { jsonResponse } from './response.ts';

// Throttling and transient faults of AWS dependencies are the caller's cue to retry, not a bug.
const THROTTLED = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
]);
const UNAVAILABLE = new Set([
  'ServiceUnavailable',
  'InternalServerError',
  'TimeoutError',
  'ECONNREFUSED',
  'ECONNRESET',
]);

const errorName = (error: unknown): string => {
  if (typeof error !== 'object' || error === null) return '';
  const { name, code } = error as { name?: unknown; code?: unknown };
  return typeof code === 'string' && UNAVAILABLE.has(code) ? code : typeof name === 'string' ? name : '';
};

/** Maps any thrown value to an HTTP response; only unexpected errors are logged as errors. */
export const toErrorResponse = (error: unknown): APIGatewayProxyStructuredResultV2 => {
  if (error instanceof AppError) {
    return jsonResponse(error.statusCode, { detail: error.message, code: error.code, ...error.extra }, error.headers);
  }
  const name = errorName(error);
  if (THROTTLED.has(name)) {
    logger.warn('dependency throttled', { error: name });
    return jsonResponse(
      503,
      { detail: 'The service is busy; retry shortly.', code: 'throttled' },
      { 'retry-after': '1' },
    );
  }
  if (UNAVAILABLE.has(name)) {
    logger.warn('dependency unavailable', { error: name });
    return jsonResponse(
      503,
      { detail: 'A dependency is unavailable; retry shortly.', code: 'dependency_unavailable' },
      { 'retry-after': '1' },
    );
  }
  logger.error('unhandled error', error as Error);
  return jsonResponse(500, { detail: 'Internal server error', code: 'internal_error' });
};
