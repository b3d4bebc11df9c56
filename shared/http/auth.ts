import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { AuthMode } from '#model/manifest.ts';
import { authenticateApiKey } from '../auth/api-key.ts';
import { authenticateUser, type UserPrincipal } from '../auth/user.ts';
import { ConfigError } from '../config.ts';
import { ROUTE_AUTH_ENV } from '#model/env.ts';

export type Principal = { readonly kind: 'anonymous' } | { readonly kind: 'api-key' } | UserPrincipal;

// The stack and the sandbox both write ROUTE_AUTH from the manifest: routeKey -> auth mode. Reading it
// here is what makes the manifest the single place where a route's auth is decided.
let routeAuth: Record<string, AuthMode> | undefined;
const authModeFor = (routeKey: string): AuthMode => {
  routeAuth ??= JSON.parse(process.env[ROUTE_AUTH_ENV] ?? '{}') as Record<string, AuthMode>;
  const mode = routeAuth[routeKey];
  if (!mode) throw new ConfigError(`No auth mode for route '${routeKey}' in ${ROUTE_AUTH_ENV}.`);
  return mode;
};

const notBundled = (mode: AuthMode): ConfigError =>
  new ConfigError(`Route needs auth mode '${mode}', which this function's bundle was built without.`);

// Each `!== false` test stays literal so that esbuild, given the flag as `false`, removes the branch
// (and with it the mode's imports) while parsing (auth-bundled.ts).
export const authenticate = async (event: APIGatewayProxyEventV2): Promise<Principal> => {
  const mode = authModeFor(event.routeKey);
  switch (mode) {
    case 'public':
      return { kind: 'anonymous' };
    case 'api-key':
      if (globalThis.AUTH_API_KEY_BUNDLED !== false) {
        await authenticateApiKey(event);
        return { kind: 'api-key' };
      }
      throw notBundled(mode);
    case 'user':
      if (globalThis.AUTH_USER_BUNDLED !== false) return authenticateUser(event);
      throw notBundled(mode);
  }
};
