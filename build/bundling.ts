// How every function is bundled, in one place. The stack's NodejsFunction passes functionBundling() to
// CDK, which turns it into esbuild CLI arguments; `npm run bench:init`, the bundle-size test and the
// sandbox's deploy-bundle mode build through `functionBuildOptions`, the same options in esbuild's own
// vocabulary. tests/infra/bundles.test.ts checks that both produce the same bytes.
import { join } from 'node:path';
import type { BundlingOptions, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';
import { DOCS_CONTRACT } from '#functions/docs/contracts.ts';
import { apiDocument, OPENAPI_DOCUMENT_DEFINE } from '#functions/docs/domain/document.ts';
import { AUTH_BUNDLED_DEFINES } from '#shared/http/auth-bundled.ts';
import { ESM_REQUIRE_BANNER } from '#model/derive.ts';
import type { AppManifest, FunctionDef } from '#model/manifest.ts';
import { DATA_FILE_LOADERS } from './data-files.ts';

const CREDENTIAL_CHAIN = '@aws-sdk/credential-provider-node';
const LAMBDA_CREDENTIALS = 'shared/lambda-credentials.ts';
/** Maps the bundle's stack traces on the first one printed, instead of --enable-source-maps at every init. */
const STACK_TRACES = 'shared/stack-traces.ts';

const FUNCTION_BUNDLING = {
  format: 'esm' as OutputFormat,
  target: 'node22',
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_BANNER,
  minify: true,
  sourceMap: true,
  // Stack traces need the mappings, not the sources: keeps the bundle small.
  sourcesContent: false,
  // The SDK the tests ran against, tree-shaken into each bundle, instead of whatever version the
  // runtime provides (CDK leaves @aws-sdk/* external by default).
  bundleAwsSDK: true,
  // Relative to the project root, where CDK runs esbuild.
  esbuildArgs: { '--alias': `${CREDENTIAL_CHAIN}=./${LAMBDA_CREDENTIALS}` },
  inject: [`./${STACK_TRACES}`],
  // Data read on first use rather than at import: copied beside the bundle (build/data-files.ts).
  loader: DATA_FILE_LOADERS,
  // The local esbuild, never Docker: synth works offline.
  forceDockerBundling: false,
} as const satisfies BundlingOptions;

/** The API's OpenAPI document as a build-time constant (functions/docs/domain/document.ts). */
export const documentDefine = (app: AppManifest): Record<string, string> => ({
  [OPENAPI_DOCUMENT_DEFINE]: JSON.stringify(JSON.stringify(apiDocument(app.routes))),
});

/**
 * Build-time constants for `fn`: which auth modes its routes use (shared/http/auth-bundled.ts), so a
 * bundle carries only the auth code its routes need, and the OpenAPI document if it serves it.
 */
const functionDefines = (app: AppManifest, fn: FunctionDef): Record<string, string> => {
  const routes = app.routes.filter((r) => r.function === fn.name);
  const modes = new Set(routes.map((r) => r.contract.auth));
  return {
    ...Object.fromEntries(
      Object.entries(AUTH_BUNDLED_DEFINES).map(([mode, key]) => [key, String(modes.has(mode as never))]),
    ),
    ...(routes.some((r) => r.contract === DOCS_CONTRACT) ? documentDefine(app) : {}),
  };
};

/** NodejsFunction's bundling options for `fn` of `app`. */
export const functionBundling = (app: AppManifest, fn: FunctionDef): BundlingOptions => ({
  ...FUNCTION_BUNDLING,
  mainFields: [...FUNCTION_BUNDLING.mainFields],
  inject: [...FUNCTION_BUNDLING.inject],
  loader: { ...FUNCTION_BUNDLING.loader },
  define: functionDefines(app, fn),
});

/** The bundle file NodejsFunction writes for an ESM function. */
export const BUNDLE_FILE = 'index.mjs';

/** esbuild options for `fn` of `app`, written to `outdir`; `root` is the project root (CDK's working directory). */
type FunctionBuild = (
  root: string,
  app: AppManifest,
  fn: FunctionDef,
  outdir: string,
) => BuildOptions & { outfile: string };

/** Builds into `outdir/index.mjs` exactly as NodejsFunction does with functionBundling(). */
export const functionBuildOptions: FunctionBuild = (root, app, fn, outdir) => ({
  entryPoints: [join(root, fn.entry)],
  outfile: join(outdir, BUNDLE_FILE),
  bundle: true,
  platform: 'node',
  format: FUNCTION_BUNDLING.format,
  target: FUNCTION_BUNDLING.target,
  mainFields: [...FUNCTION_BUNDLING.mainFields],
  banner: { js: FUNCTION_BUNDLING.banner },
  minify: FUNCTION_BUNDLING.minify,
  sourcemap: FUNCTION_BUNDLING.sourceMap,
  sourcesContent: FUNCTION_BUNDLING.sourcesContent,
  external: FUNCTION_BUNDLING.bundleAwsSDK ? [] : ['@aws-sdk/*'],
  alias: { [CREDENTIAL_CHAIN]: join(root, LAMBDA_CREDENTIALS) },
  inject: [join(root, STACK_TRACES)],
  loader: { ...FUNCTION_BUNDLING.loader },
  define: functionDefines(app, fn),
  logLevel: 'silent',
});

/** The runtime-SDK baseline: the same bundle with @aws-sdk/* left to the runtime, CDK's default for Node 18+. */
export const runtimeSdkBuildOptions: FunctionBuild = (root, app, fn, outdir) => ({
  ...functionBuildOptions(root, app, fn, outdir),
  external: ['@aws-sdk/*'],
});
