// Bundles the browser UI: every `web/pages/<page>/main.ts` becomes `web/dist/<page>/main.js` (+ main.css
// when it imports CSS) beside a copy of its index.html; `web/index.html` is the landing page.
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = dirname(fileURLToPath(import.meta.url));
export const WEB_DIST = join(root, 'dist');

/** Builds into `outDir` (CDK's asset bundling passes its own; `tsx web/build.ts [outDir]`). */
export const buildWeb = async (outDir: string = WEB_DIST): Promise<void> => {
  const pages = (await readdir(join(root, 'pages'), { withFileTypes: true }))
    .filter((d) => d.isDirectory() && existsSync(join(root, 'pages', d.name, 'main.ts')))
    .map((d) => d.name);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await esbuild.build({
    entryPoints: Object.fromEntries(pages.map((p) => [`${p}/main`, join(root, 'pages', p, 'main.ts')])),
    outdir: outDir,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    logLevel: 'warning',
  });
  await cp(join(root, 'index.html'), join(outDir, 'index.html'));
  await cp(join(root, 'lib', 'style.css'), join(outDir, 'style.css'));
  for (const p of pages) await cp(join(root, 'pages', p, 'index.html'), join(outDir, p, 'index.html'));
  // The /docs page runs Swagger UI from node_modules, never a CDN: its prebuilt bundle is copied as is.
  const swaggerUi = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  for (const f of ['swagger-ui-bundle.js', 'swagger-ui.css']) await cp(join(swaggerUi, f), join(outDir, 'docs', f));
};

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildWeb(process.argv[2]);
