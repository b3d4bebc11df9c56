// Inside this package scope (shared/auth/package.json) the root package.json's "#" aliases do not
// resolve: relative imports.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { UnauthorizedError } from '../errors.ts';
import { getSecret } from '../secrets.ts';
import { constantTimeEquals } from './constant-time.ts';
import { API_KEY_SECRET } from '../../model/constants.ts';

/** Checks the `x-api-key` header against the `api-key` secret. */
export const authenticateApiKey = async (event: APIGatewayProxyEventV2): Promise<void> => {
  const presented = event.headers['x-api-key'];
  if (!presented) throw new UnauthorizedError('Missing x-api-key header.', 'missing_api_key');
  if (!constantTimeEquals(presented, await getSecret(API_KEY_SECRET))) {
    throw new UnauthorizedError('Invalid API key.', 'invalid_api_key');
  }
};
