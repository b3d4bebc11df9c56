// Which auth modes' code a function's bundle carries. Without this every HTTP function would carry
// the Secrets Manager client (api-key) and the sessions lookup (user). build/bundling.ts defines these
// globals per function from its routes' contracts; esbuild then drops the code of a mode the function
// never serves. Unbundled (tests, the sandbox's shared watch build) they are undefined: every mode is in.
// shared/auth/package.json marks those modules free of side effects, so that once the branch is gone
// esbuild drops the modules too, and with them their imports (@aws-sdk/lib-dynamodb declares no
// `sideEffects`, and a function without tables would otherwise still carry the DynamoDB client).
import type { AuthMode } from '#model/manifest.ts';

declare global {
  var AUTH_API_KEY_BUNDLED: boolean | undefined;
  var AUTH_USER_BUNDLED: boolean | undefined;
}

/** The esbuild `define` key of each mode that needs code (the flags above, as `auth.ts` reads them). */
export const AUTH_BUNDLED_DEFINES = {
  'api-key': 'globalThis.AUTH_API_KEY_BUNDLED',
  user: 'globalThis.AUTH_USER_BUNDLED',
} as const satisfies Record<Exclude<AuthMode, 'public'>, string>;
