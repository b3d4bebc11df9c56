import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { UnauthorizedError } from '../errors.ts';
import { getSecret } from '../secrets.ts';
import { constantTimeEquals } from './constant-time.ts';

export const API_KEY_SECRET = 'api-key';

/** Checks the `x-api-key` header against the `api-key` secret. */
export const authenticateApiKey = async (event: APIGatewayProxyEventV2): Promise<void> => {
  const presented = event.headers['x-api-key'];
  if (!presented) throw new UnauthorizedError('Missing x-api-key header.', 'missing_api_key');
  if (!constantTimeEquals(presented, await getSecret(API_KEY_SECRET))) {
    throw new UnauthorizedError('Invalid API key.', 'invalid_api_key');
  }
};
