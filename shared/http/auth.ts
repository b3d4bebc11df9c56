// Who is calling: each route's contract names its auth mode, and the principal's type follows from it.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { AuthMode } from '#model/manifest.ts';
import { authenticateApiKey } from '../auth/api-key.ts';
import { authenticateUser, type UserPrincipal } from '../auth/user.ts';
import { ConfigError } from '../config.ts';

interface AnonymousPrincipal {
  readonly kind: 'anonymous';
}
interface ApiKeyPrincipal {
  readonly kind: 'api-key';
}
type Principal = AnonymousPrincipal | ApiKeyPrincipal | UserPrincipal;

/** The principal a route of auth mode `A` hands its handler. */
export type PrincipalOf<A extends AuthMode> = {
  public: AnonymousPrincipal;
  'api-key': ApiKeyPrincipal;
  user: UserPrincipal;
}[A];

const notBundled = (mode: AuthMode): ConfigError =>
  new ConfigError(`Route needs auth mode '${mode}', which this function's bundle was built without.`);

// Each `!== false` test stays literal so that esbuild, given the flag as `false`, removes the branch
// (and with it the mode's imports) while parsing (auth-bundled.ts).
export const authenticate = async <A extends AuthMode>(
  mode: A,
  event: APIGatewayProxyEventV2,
): Promise<PrincipalOf<A>> => {
  const principal = async (): Promise<Principal> => {
    switch (mode) {
      case 'api-key':
        if (globalThis.AUTH_API_KEY_BUNDLED !== false) {
          await authenticateApiKey(event);
          return { kind: 'api-key' };
        }
        throw notBundled(mode);
      case 'user':
        if (globalThis.AUTH_USER_BUNDLED !== false) return authenticateUser(event);
        throw notBundled(mode);
      default:
        return { kind: 'anonymous' };
    }
  };
  // The switch above narrows on `mode`, which TypeScript does not carry over to the generic result.
  return (await principal()) as PrincipalOf<A>;
};
