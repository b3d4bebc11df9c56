// Bundles the browser UI: every `web/pages/<page>/main.ts` becomes `web/dist/<page>/main.js` (+ main.css
// when it imports CSS) beside a copy of its index.html; `web/index.html` is the landing page, whose only script
// is the shared header (`header.js`).
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = dirname(fileURLToPath(import.meta.url));
export const WEB_DIST = join(root, 'dist');

/** Writes every page, the landing page and their assets into the empty folder `dir`. */
const writeUi = async (dir: string): Promise<void> => {
  const pages = (await readdir(join(root, 'pages'), { withFileTypes: true }))
    .filter((d) => d.isDirectory() && existsSync(join(root, 'pages', d.name, 'main.ts')))
    .map((d) => d.name);
  await esbuild.build({
    entryPoints: {
      ...Object.fromEntries(pages.map((p) => [`${p}/main`, join(root, 'pages', p, 'main.ts')])),
      header: join(root, 'lib', 'header.ts'),
    },
    outdir: dir,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    logLevel: 'warning',
  });
  await cp(join(root, 'index.html'), join(dir, 'index.html'));
  await cp(join(root, 'lib', 'style.css'), join(dir, 'style.css'));
  for (const p of pages) await cp(join(root, 'pages', p, 'index.html'), join(dir, p, 'index.html'));
  // The /docs page runs Swagger UI from node_modules, never a CDN: its prebuilt bundle is copied as is.
  const swaggerUi = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  for (const f of ['swagger-ui-bundle.js', 'swagger-ui.css']) await cp(join(swaggerUi, f), join(dir, 'docs', f));
};

/**
 * Builds into `outDir` (CDK's asset bundling passes its own; `tsx web/build.ts [outDir]`) without ever
 * showing a reader a half-built or half-removed folder: the UI is written into a fresh sibling folder,
 * then renamed into place. When builds race, each rename puts a whole build there and the last one wins.
 */
export const buildWeb = async (outDir: string = WEB_DIST): Promise<void> => {
  await mkdir(dirname(outDir), { recursive: true });
  const staging = await mkdtemp(`${outDir}.build-`);
  const retired = `${staging}.old`;
  try {
    await writeUi(staging);
    await rename(outDir, retired).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
    // Another build can rename its folder into place between these two renames; then that one stays.
    await rename(staging, outDir).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOTEMPTY' && e.code !== 'EEXIST') throw e;
    });
  } finally {
    await Promise.all([rm(staging, { recursive: true, force: true }), rm(retired, { recursive: true, force: true })]);
  }
};

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildWeb(process.argv[2]);
