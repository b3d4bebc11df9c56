// What deploys is what is measured: every function's bundle, built with the stack's options, stays
// within a byte budget (a heavy import cannot slip in unnoticed), and those options give the same
// bytes as the asset NodejsFunction itself builds.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { App } from 'aws-cdk-lib';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_FILE, functionBuildOptions } from '#build/bundling.ts';
import { app as manifest } from '#app';
import { functionTables } from '#model/derive.ts';
import type { AppManifest, FunctionDef } from '#model/manifest.ts';
import { buildSuite } from '#infra/suite.ts';
import { optionsWith } from './synth.ts';

/** Minified, with its SDK clients (issue 15's target). */
const BUDGET_BYTES = 350_000;
/**
 * Functions not yet within the budget, held to today's size rounded up to the next 10 kB so they
 * cannot grow. docs/performance.md says what weighs in each and what would bring it down.
 */
const OVER_BUDGET: Readonly<Record<string, number>> = {
  // S3's client: its operation schemas (67 kB) stay whole, plus checksums, XML and the presigner or csv-parse;
  // since issue 31 also Powertools Metrics (12 kB measured in each: the jobs' counters it emits).
  'weather-bulk-import': 510_000,
  'weather-bulk-upload': 490_000,
  'weather-splitter': 530_000,
};
/**
 * Data files beside a bundle, read on first use rather than parsed at import (build/data-files.ts): the
 * gazetteer the weather lookups and workers place cities with (docs/weather-provider.md, what it costs).
 */
const DATA_FILES: Readonly<Record<string, number>> = { 'weather-get': 1_820_000, 'weather-worker': 1_820_000 };
const ROOT = join(import.meta.dirname, '..', '..');

/** Every file NodejsFunction's options give for `fn` of `app`, in memory, by name. */
const build = async (app: AppManifest, fn: FunctionDef): Promise<Map<string, Uint8Array>> => {
  const { outputFiles } = await esbuild.build({ ...functionBuildOptions(ROOT, app, fn, '/bundle'), write: false });
  return new Map(outputFiles.map((f) => [relative('/bundle', f.path), f.contents]));
};

/** Its bundle: the files beside it are its source map and data files. */
const bundleOf = (files: ReadonlyMap<string, Uint8Array>): Uint8Array => {
  const file = files.get(BUNDLE_FILE);
  if (!file) throw new Error(`no ${BUNDLE_FILE} among ${[...files.keys()].join(', ')}`);
  return file;
};
const dataFilesOf = (files: ReadonlyMap<string, Uint8Array>): [string, number][] =>
  [...files].filter(([name]) => !name.startsWith(BUNDLE_FILE)).map(([name, bytes]) => [name, bytes.byteLength]);

describe('Bundles: every function', () => {
  const outputs = new Map<string, Map<string, Uint8Array>>();
  const bundles = new Map<string, Uint8Array>();

  // One build each, all at once: esbuild spreads them over the cores (~15 s idle, minutes on a busy machine).
  beforeAll(async () => {
    await Promise.all(manifest.functions.map(async (f) => outputs.set(f.name, await build(manifest, f))));
    for (const [name, files] of outputs) bundles.set(name, bundleOf(files));
  }, 600_000);

  it.each(manifest.functions.map((f) => [f.name, OVER_BUDGET[f.name] ?? BUDGET_BYTES]))(
    'keeps %s within %i bytes',
    (name, budget) => {
      expect(bundles.get(name)!.byteLength).toBeLessThanOrEqual(budget);
    },
  );

  it('ships data files beside the functions that read them only, each within its budget', () => {
    const shipped = Object.fromEntries(
      [...outputs].flatMap(([name, files]) => {
        const data = dataFilesOf(files);
        return data.length > 0 ? [[name, data]] : [];
      }),
    );

    expect(Object.keys(shipped).sort()).toEqual(Object.keys(DATA_FILES).sort());
    for (const [name, files] of Object.entries(shipped)) {
      expect(files).toEqual([[expect.stringMatching(/^gazetteer-\w+\.bin$/), expect.any(Number)]]);
      expect(files[0]![1]).toBeLessThanOrEqual(DATA_FILES[name]!);
    }
  });

  // The auth code of the modes its routes use, and no other (build/bundling.ts): the api-key check
  // reads Secrets Manager, the user check parses a bearer token.
  it.each([
    ['math-calculate', { apiKey: false, user: false }],
    ['palettes-me', { apiKey: false, user: true }],
    ['formulas-redrive', { apiKey: true, user: false }],
  ])('gives %s the auth code of its routes only', (name, modes) => {
    const code = Buffer.from(bundles.get(name)!).toString();
    expect(code.includes('GetSecretValue')).toBe(modes.apiKey);
    expect(code.includes('Bearer <token>')).toBe(modes.user);
  });

  // No AWS call, no SDK: a contracts file shared with list routes must not pull in the Query helper's
  // DynamoDB client (shared/pagination.ts vs shared/dynamodb/query-page.ts).
  it.each([
    ['weather-healthz', false],
    ['gateway-default', false],
    ['docs-openapi', false],
    ['weather-readyz', true],
  ])('gives %s the AWS SDK: %s', (name, sdk) => {
    // The SDK's request headers and user agent: in every client, in nothing else.
    expect(/x-amz-|aws-sdk-js/.test(Buffer.from(bundles.get(name)!).toString())).toBe(sdk);
  });
});

describe('Bundles: the stack and functionBuildOptions', () => {
  let outdir: string;
  beforeAll(async () => {
    outdir = await mkdtemp(join(tmpdir(), 'bundles-test-'));
  });
  afterAll(() => rm(outdir, { recursive: true, force: true }));

  // A user route keeps its auth code (SDK included); docs-openapi gets the OpenAPI document as a define;
  // weather-get reads a data file, which the asset holds beside the bundle (build/data-files.ts).
  it.each(['palettes-me', 'docs-openapi', 'weather-get'])(
    'produce the same bytes for %s',
    async (name) => {
      // Prepare: one function, its routes and tables, synthesized with bundling on (the other infra tests skip it).
      const fn = manifest.functions.find((f) => f.name === name)!;
      const routes = manifest.routes.filter((r) => r.function === name);
      const solo: AppManifest = { tables: [], queues: [], buckets: [], functions: [fn], routes, triggers: [] };
      const tables = Object.keys(functionTables(solo, fn));
      const app = new App({ outdir: join(outdir, name), builtinCloudFormationValidation: false });
      buildSuite(app, 'Bundles', {
        manifest: { ...solo, tables: manifest.tables.filter((t) => tables.includes(t.name)) },
        options: optionsWith(),
      });

      // Act
      app.synth();
      // The stacks have other assets too (the web deployment's): the function's is the one holding its bundle.
      const asset = (await readdir(join(outdir, name))).find(
        (d) => d.startsWith('asset.') && existsSync(join(outdir, name, d, BUNDLE_FILE)),
      );

      // Assess: the same files; the same bytes in the bundle and its data files (the map's source paths are
      // relative to where each was written).
      const files = await build(solo, fn);
      expect((await readdir(join(outdir, name, asset!))).sort()).toEqual([...files.keys()].sort());
      for (const [file, bytes] of [...files].filter(([f]) => !f.endsWith('.map'))) {
        expect(Buffer.from(bytes).equals(await readFile(join(outdir, name, asset!, file))), file).toBe(true);
      }
    },
    120_000,
  );
});

// Readable stacks without --enable-source-maps (shared/stack-traces.ts): the map is read the first time a
// stack is printed, so it can appear after the import and still be used; without the flag, an import
// that read it would have found nothing.
describe('Bundles: stack traces', () => {
  let outdir: string;
  let bundleFile: string;
  const aside = () => join(outdir, 'aside.map');

  // Prepare: one deploy bundle, its map put aside.
  beforeAll(async () => {
    outdir = await mkdtemp(join(tmpdir(), 'bundles-stacks-'));
    const fn = manifest.functions.find((f) => f.name === 'gateway-default')!;
    const options = functionBuildOptions(ROOT, manifest, fn, outdir);
    await esbuild.build(options);
    bundleFile = options.outfile;
    await rename(`${bundleFile}.map`, aside());
  });
  afterAll(() => rm(outdir, { recursive: true, force: true }));

  /**
   * Imports the bundle in a fresh Node without NODE_OPTIONS, puts the map back if asked (after the
   * import), and sends a null event, which fails inside the pipeline: the logger writes the error with
   * its stack to stderr, one JSON object a line.
   */
  const unexpectedError = async (mapAfterImport: boolean) => {
    const probe = `
      const { copyFile } = await import('node:fs/promises');
      const { handler } = await import(process.env.BUNDLE);
      if (process.env.MAP_AFTER_IMPORT) await copyFile(process.env.ASIDE, process.env.BUNDLE_PATH + '.map');
      console.log(JSON.stringify({ sourceMapsEnabled: process.sourceMapsEnabled }));
      await handler(null, { getRemainingTimeInMillis: () => 1000 }).catch(() => {});`;
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', probe], {
      env: {
        PATH: process.env.PATH ?? '',
        BUNDLE: pathToFileURL(bundleFile).href,
        BUNDLE_PATH: bundleFile,
        ASIDE: aside(),
        ...(mapAfterImport ? { MAP_AFTER_IMPORT: '1' } : {}),
      },
    });
    await rm(`${bundleFile}.map`, { force: true });
    const logged = stderr
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { message: string; error: { location: string; stack: string } })
      .find((l) => l.message === 'unhandled error');
    return { ...(JSON.parse(stdout) as { sourceMapsEnabled: boolean }), error: logged?.error };
  };

  it('map an unexpected error to the TypeScript sources, reading the map only when the stack is printed', async () => {
    const { sourceMapsEnabled, error } = await unexpectedError(true);

    expect(sourceMapsEnabled).toBe(false);
    expect(error?.location).toMatch(/shared\/http\/handler\.ts:\d+$/);
    expect(error?.stack).toMatch(/\n {4}at \S+ \(\S*shared\/http\/handler\.ts:\d+:\d+\)/);
    expect(error?.stack).not.toContain('index.mjs');
  }, 60_000);

  it('still log the error, with the bundle’s own positions, when the map is missing', async () => {
    const { error } = await unexpectedError(false);

    expect(error?.stack).toMatch(/^TypeError: Cannot read properties of null/);
    expect(error?.stack).toMatch(/\n {4}at .*index\.mjs:\d+:\d+/);
    expect(error?.stack).not.toContain('.ts:');
  }, 60_000);
});
