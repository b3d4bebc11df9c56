// Data a function reads at run time rather than parses at import (functions/weather/store/gazetteer.ts):
// imported as a file whose default export is its path relative to the importing code, to be resolved
// against import.meta.url. esbuild's file loader copies the file beside the bundle (every build uses
// DATA_FILE_LOADERS: build/bundling.ts, the sandbox's split build); tests import the sources, where
// dataFilePlugin gives the source file's own URL. A declaration beside each data file types its import
// (functions/weather/domain/gazetteer.d.bin.ts, with tsconfig's allowArbitraryExtensions).
import { pathToFileURL } from 'node:url';

const EXTENSIONS = ['.bin'] as const;

/** esbuild's loaders for data files. */
export const DATA_FILE_LOADERS: Readonly<Record<(typeof EXTENSIONS)[number], 'file'>> = { '.bin': 'file' };

/** The same for vitest (Vite): a data file's import gives its absolute file URL. */
export const dataFilePlugin = {
  name: 'data-files',
  enforce: 'pre' as const,
  load: (id: string): string | undefined =>
    EXTENSIONS.some((e) => id.endsWith(e)) ? `export default ${JSON.stringify(pathToFileURL(id).href)};` : undefined,
};
