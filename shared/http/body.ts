import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors.ts';

export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

/** With the `u` flag a surrogate pair is one code point, so this matches only a lone surrogate. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

class LoneSurrogateError extends Error {}

/** JSON may escape a lone surrogate (`"\\ud800"`), which is not Unicode text: DynamoDB refuses it. */
const rejectLoneSurrogates = (key: string, value: unknown): unknown => {
  if (LONE_SURROGATE.test(key) || (typeof value === 'string' && LONE_SURROGATE.test(value)))
    throw new LoneSurrogateError();
  return value;
};

/** The raw body as bytes, whatever API Gateway's encoding. */
export const rawBody = (event: APIGatewayProxyEventV2): Buffer =>
  Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');

export const contentType = (event: APIGatewayProxyEventV2): string =>
  (event.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();

/** Parses a JSON body: 413 past the limit, 415 for another media type, 400 for malformed JSON. */
export const parseJsonBody = (event: APIGatewayProxyEventV2, maxBytes: number): unknown => {
  const bytes = rawBody(event);
  if (bytes.length > maxBytes) {
    throw new PayloadTooLargeError(`Body is ${bytes.length} bytes; the limit is ${maxBytes}.`);
  }
  if (bytes.length === 0) throw new BadRequestError('A JSON body is required.', 'body_required');
  const type = contentType(event);
  if (type !== 'application/json' && !type.endsWith('+json')) {
    throw new UnsupportedMediaTypeError(`Content-Type must be application/json, not '${type || 'none'}'.`);
  }
  try {
    return JSON.parse(bytes.toString('utf8'), rejectLoneSurrogates) as unknown;
  } catch (error) {
    if (error instanceof LoneSurrogateError) {
      throw new BadRequestError(
        'Body has a string with a lone surrogate escape, which is not Unicode text.',
        'invalid_unicode',
        {},
        { cause: error },
      );
    }
    throw new BadRequestError('Body is not valid JSON.', 'malformed_json', {}, { cause: error });
  }
};
