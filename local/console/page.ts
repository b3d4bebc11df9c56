// The console's page: ui/main.ts bundled by esbuild as web/build.ts bundles the UI's pages, but in memory,
// on the first visit (a sandbox nobody looks at never builds it), and served by the sandbox alone.
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

const UI = join(import.meta.dirname, 'ui');

const TYPES: Record<string, string> = {
  '/': 'text/html; charset=utf-8',
  '/main.js': 'text/javascript; charset=utf-8',
  '/style.css': 'text/css; charset=utf-8',
};

const build = async (): Promise<Map<string, Uint8Array>> => {
  const { outputFiles } = await esbuild.build({
    entryPoints: { main: join(UI, 'main.ts') },
    outdir: '/',
    write: false,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    logLevel: 'warning',
  });
  const files = new Map(outputFiles.map((f) => [f.path, f.contents]));
  files.set('/', await readFile(join(UI, 'index.html')));
  files.set('/style.css', await readFile(join(UI, 'style.css')));
  return files;
};

export const pageServer = () => {
  let files: Promise<Map<string, Uint8Array>> | undefined;
  /** Answers `path` (relative to the console's prefix) when it is one of the page's files. */
  return async (path: string, res: ServerResponse): Promise<boolean> => {
    if (!(path in TYPES)) return false;
    files ??= build().catch((error: unknown) => {
      files = undefined; // a fixed source builds on the next visit
      throw error;
    });
    const body = (await files).get(path);
    if (!body) return false;
    res.writeHead(200, { 'content-type': TYPES[path]!, 'cache-control': 'no-cache' });
    res.end(body);
    return true;
  };
};
