import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { UnauthorizedError } from '../errors.ts';

export interface UserPrincipal {
  readonly kind: 'user';
  readonly userId: string;
  readonly username: string;
}

/** Resolves a bearer token to its user. Implemented with the palettes service's token store. */
export const authenticateUser = async (_event: APIGatewayProxyEventV2): Promise<UserPrincipal> => {
  throw new UnauthorizedError('User authentication is not available yet.', 'auth_unavailable');
};
