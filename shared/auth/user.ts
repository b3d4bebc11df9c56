// Bearer-token authentication for `user` routes. Tokens are opaque 256-bit random values; the store
// (the palettes service's sessions table) keeps only their SHA-256, so a leaked table grants nothing.
import { createHash } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { documentClient } from '../clients/dynamodb.ts';
import { tableName } from '../config.ts';
import { AppError } from '../errors.ts';
import { constantTimeEquals } from './constant-time.ts';
import { USER_SESSIONS_TABLE } from '../../model/constants.ts';

export interface UserPrincipal {
  readonly kind: 'user';
  readonly userId: string;
  readonly username: string;
}

/** A session item as stored: keyed by the token's hash, expiring via DynamoDB TTL on `expires_at`. */
export interface SessionItem {
  readonly token_hash: string;
  readonly user_id: string;
  readonly username: string;
  /** Epoch seconds; also the table's TTL attribute. */
  readonly expires_at: number;
  readonly created_at: string;
}

/** base64url of 32 random bytes. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

const unauthorized = (detail: string, code: string): AppError =>
  new AppError(401, code, detail, {}, { 'www-authenticate': 'Bearer' });

/** The token from `Authorization: Bearer <token>`; 401 when absent or not shaped like one of ours. */
export const bearerToken = (event: APIGatewayProxyEventV2): string => {
  const header = event.headers.authorization;
  if (!header) throw unauthorized('Missing Authorization: Bearer <token> header.', 'missing_token');
  const [scheme, token, extra] = header.trim().split(/\s+/);
  if (scheme?.toLowerCase() !== 'bearer' || !token || extra !== undefined || !TOKEN_SHAPE.test(token)) {
    throw unauthorized('Authorization header must be "Bearer <token>".', 'invalid_token');
  }
  return token;
};

// Read lazily: every HTTP function imports this module, only those serving user routes get the table.
let sessionsTable: string | undefined;

/** Resolves a bearer token to its user: 401 when missing, unknown (revoked) or expired. */
export const authenticateUser = async (event: APIGatewayProxyEventV2): Promise<UserPrincipal> => {
  const hash = hashToken(bearerToken(event));
  sessionsTable ??= tableName(USER_SESSIONS_TABLE);
  const { Item } = await documentClient().send(new GetCommand({ TableName: sessionsTable, Key: { token_hash: hash } }));
  const session = Item as SessionItem | undefined;
  // The lookup key is already a hash; the constant-time compare keeps the final check free of
  // early-exit timing whatever the store's matching does.
  if (!session || !constantTimeEquals(session.token_hash, hash)) {
    throw unauthorized('The token is unknown or has been revoked.', 'invalid_token');
  }
  // TTL deletion lags by up to days: the expiry is checked here, not left to the table.
  if (session.expires_at * 1000 <= Date.now())
    throw unauthorized('The token has expired; sign in again.', 'token_expired');
  return { kind: 'user', userId: session.user_id, username: session.username };
};
