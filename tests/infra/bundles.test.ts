// What deploys is what is measured: every function's bundle, built with the stack's options, stays
// within a byte budget (a heavy import cannot slip in unnoticed), and those options give the same
// bytes as the asset NodejsFunction itself builds.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_FILE, functionBuildOptions } from '../../infra/bundling.ts';
import { app as manifest } from '../../infra/manifest.ts';
import type { AppManifest } from '../../infra/manifest-types.ts';
import { ServiceStack } from '../../infra/stack.ts';

/** Minified, with its SDK clients: the target. */
const BUDGET_BYTES = 350_000;
const ROOT = join(import.meta.dirname, '..', '..');

/** The bundle NodejsFunction's options give for `entry`, in memory. */
const bundle = async (entry: string): Promise<Uint8Array> => {
  const { outputFiles } = await esbuild.build({ ...functionBuildOptions(ROOT, entry, '/bundle'), write: false });
  const file = outputFiles.find((f) => f.path === join('/bundle', BUNDLE_FILE));
  if (!file) throw new Error(`no ${BUNDLE_FILE} for ${entry}`);
  return file.contents;
};

describe('Bundles: every function', () => {
  const sizes = new Map<string, number>();

  // One build each, all at once: esbuild spreads them over the cores.
  beforeAll(async () => {
    await Promise.all(manifest.functions.map(async (f) => sizes.set(f.name, (await bundle(f.entry)).byteLength)));
  }, 300_000);

  it.each(manifest.functions.map((f) => [f.name]))('keeps %s within the byte budget', (name) => {
    expect(sizes.get(name)).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});

describe('Bundles: the stack and functionBuildOptions', () => {
  let outdir: string;
  beforeAll(async () => {
    outdir = await mkdtemp(join(tmpdir(), 'bundles-test-'));
  });
  afterAll(() => rm(outdir, { recursive: true, force: true }));

  it('produce the same bytes for a function that uses the SDK', async () => {
    // Prepare: one function and its tables, synthesized with bundling on (the other infra tests skip it).
    const fn = manifest.functions.find((f) => f.name === 'math-calculate')!;
    const solo: AppManifest = {
      tables: manifest.tables.filter((t) => Object.keys(fn.tables ?? {}).includes(t.name)),
      queues: [],
      buckets: [],
      functions: [fn],
      routes: [],
      triggers: [],
    };
    const app = new App({ outdir, builtinCloudFormationValidation: false });
    new ServiceStack(app, 'Bundles', { manifest: solo });

    // Act
    app.synth();
    const [asset] = (await readdir(outdir)).filter((d) => d.startsWith('asset.'));

    // Assess
    const deployed = await readFile(join(outdir, asset!, BUNDLE_FILE));
    expect(Buffer.from(await bundle(fn.entry)).equals(deployed)).toBe(true);
  }, 120_000);
});
