// How every function is bundled, in one place. The stack's NodejsFunction passes FUNCTION_BUNDLING to
// CDK, which turns it into esbuild CLI arguments; `npm run bench:init`, the bundle-size test and the
// sandbox's deploy-bundle mode build through `functionBuildOptions`, the same options in esbuild's own
// vocabulary. tests/infra/bundles.test.ts checks that both produce the same bytes.
import { join } from 'node:path';
import type { BundlingOptions, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';
import { ESM_REQUIRE_BANNER } from './manifest-derive.ts';

const CREDENTIAL_CHAIN = '@aws-sdk/credential-provider-node';
const LAMBDA_CREDENTIALS = 'shared/lambda-credentials.ts';

export const FUNCTION_BUNDLING = {
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
  // The local esbuild, never Docker: synth works offline.
  forceDockerBundling: false,
} as const satisfies BundlingOptions;

/** What the runtime is started with (NODE_OPTIONS), by the stack and by the bench alike. */
export const FUNCTION_NODE_OPTIONS = '--enable-source-maps';

/** The bundle file NodejsFunction writes for an ESM function. */
export const BUNDLE_FILE = 'index.mjs';

/**
 * esbuild options that build `entry` into `outdir/index.mjs` exactly as NodejsFunction does with
 * FUNCTION_BUNDLING; `root` is the project root (CDK's working directory).
 */
export const functionBuildOptions = (root: string, entry: string, outdir: string): BuildOptions & { outfile: string } => ({
  entryPoints: [join(root, entry)],
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
  logLevel: 'silent',
});

/** The runtime-SDK baseline: the same bundle with @aws-sdk/* left to the runtime, CDK's default for Node 18+. */
export const runtimeSdkBuildOptions = (root: string, entry: string, outdir: string): BuildOptions & { outfile: string } => ({
  ...functionBuildOptions(root, entry, outdir),
  external: ['@aws-sdk/*'],
});
