// Bundles every function the way the stack's NodejsFunction does (esbuild, ESM, one file per handler),
// plus the worker bootstrap. In watch mode a source change rebuilds, and only functions whose bundle
// actually changed are reported, so their environments reload while the others stay warm.
// With `deploy`, each function is built alone with the stack's own options (build/bundling.ts): the
// very bytes that deploy, SDK included. Slower, so it is for test passes, not for watching.
import { createHash } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { BUNDLE_FILE, documentDefine, functionBuildOptions } from '#build/bundling.ts';
import { DATA_FILE_LOADERS } from '#build/data-files.ts';
import { ESM_REQUIRE_BANNER } from '#model/derive.ts';
import type { AppManifest } from '#model/manifest.ts';

export const WORKER_ENTRY = '__sandbox_worker';

export interface Bundles {
  readonly outdir: string;
  path(name: string): string;
  /** Rebuilds on source changes under `watchDirs`; calls back with the functions whose output changed. */
  watch(watchDirs: readonly string[], onChange: (changed: string[]) => void): void;
  dispose(): Promise<void>;
}

const hashOutputs = async (outdir: string, names: readonly string[]): Promise<Map<string, string>> =>
  new Map(
    await Promise.all(
      names.map(
        async (n) =>
          [
            n,
            createHash('sha1')
              .update(await readFile(join(outdir, `${n}.mjs`)))
              .digest('hex'),
          ] as const,
      ),
    ),
  );

export const bundleFunctions = async (
  root: string,
  outdir: string,
  app: AppManifest,
  { deploy = false }: { deploy?: boolean } = {},
): Promise<Bundles> => {
  const { functions } = app;
  const split = deploy ? [] : functions;
  const names = split.map((f) => f.name);
  const context = await esbuild.context({
    entryPoints: {
      ...Object.fromEntries(split.map((f) => [f.name, join(root, f.entry)])),
      [WORKER_ENTRY]: join(root, 'local', 'runtime', 'worker.ts'),
    },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    // Shared code (the AWS SDK above all) becomes common chunks instead of 40-odd copies: a much faster build.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    loader: DATA_FILE_LOADERS,
    banner: { js: ESM_REQUIRE_BANNER },
    // Built once, at start: a contract edited while watching shows in /openapi.json after a restart.
    define: documentDefine(app),
    logLevel: 'silent',
  });
  await context.rebuild();
  if (deploy)
    await Promise.all(functions.map((f) => esbuild.build(functionBuildOptions(root, app, f, join(outdir, f.name)))));
  let hashes = await hashOutputs(outdir, names);
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;

  const rebuild = async (onChange: (changed: string[]) => void): Promise<void> => {
    try {
      await context.rebuild();
    } catch (error) {
      console.error(`[sandbox] build failed: ${(error as Error).message}`);
      return;
    }
    const next = await hashOutputs(outdir, names);
    const changed = names.filter((n) => next.get(n) !== hashes.get(n));
    hashes = next;
    if (changed.length > 0) onChange(changed);
  };

  return {
    outdir,
    path: (name) => (deploy && name !== WORKER_ENTRY ? join(outdir, name, BUNDLE_FILE) : join(outdir, `${name}.mjs`)),
    watch: (dirs, onChange) => {
      if (deploy) throw new Error('Deploy bundles are built once: watch uses the split build.');
      for (const dir of dirs) {
        watchers.push(
          watch(join(root, dir), { recursive: true }, () => {
            clearTimeout(timer);
            timer = setTimeout(() => void rebuild(onChange), 30); // editors write in bursts
          }),
        );
      }
    },
    dispose: async () => {
      clearTimeout(timer);
      for (const w of watchers) w.close();
      await context.dispose();
    },
  };
};
