// Stack traces that point at the TypeScript sources, paid for on the first stack formatted rather than at
// every cold start. `--enable-source-maps` reads and indexes the whole map when the bundle loads (6-8 ms
// per init, `npm run bench:init -- --source-maps <function>`); this reads it, with Node's own SourceMap,
// the first time a stack is printed, which in a handler means an unexpected error. build/bundling.ts
// injects it into every bundle; frames are written the way Node writes them with the flag on.
import { readFileSync } from 'node:fs';
import type { SourceMap, SourceOrigin } from 'node:module';
import { fileURLToPath } from 'node:url';

// In a bundle, this module's URL is the bundle's: every frame worth mapping is in that one file.
const bundle = import.meta.url;
let map: SourceMap | null | undefined;

/** The bundle's map, read once; null when there is none (a development build, or a missing .map). */
const bundleMap = (): SourceMap | null => {
  if (map === undefined) {
    try {
      // node:module's exports are loaded here, not at import: an ESM import of it costs ~0.6 ms at init.
      const { SourceMap } = process.getBuiltinModule('node:module');
      map = new SourceMap(JSON.parse(readFileSync(new URL(`${bundle}.map`), 'utf8')));
    } catch {
      map = null;
    }
  }
  return map;
};

/** Where the 1-based generated position `line:column` of the bundle came from, if the map knows it. */
const originAt = (sm: SourceMap, line: number | null, column: number | null): SourceOrigin | undefined => {
  // findOrigin answers {} for a position the map does not cover.
  const found = line && column ? sm.findOrigin(line, column) : {};
  return 'fileName' in found ? (found as SourceOrigin) : undefined;
};

/** The original name of the function a frame is in: from its definition, else from where it was called. */
const originalName = (sm: SourceMap, site: NodeJS.CallSite, caller: NodeJS.CallSite | undefined): string => {
  const defined = originAt(sm, site.getEnclosingLineNumber(), site.getEnclosingColumnNumber())?.name;
  const called =
    caller?.getFileName() === bundle ? originAt(sm, caller.getLineNumber(), caller.getColumnNumber())?.name : undefined;
  const name = defined || called || site.getFunctionName() || site.getMethodName() || '<anonymous>';
  const type = site.getTypeName();
  return type && type !== 'global' ? `${type}.${name}` : name;
};

/** One frame: mapped to its source when it is in the bundle and the map knows it, else as V8 writes it. */
const frame = (site: NodeJS.CallSite, caller: NodeJS.CallSite | undefined): string => {
  const sm = site.getFileName() === bundle ? bundleMap() : null;
  const origin = sm ? originAt(sm, site.getLineNumber(), site.getColumnNumber()) : undefined;
  if (!sm || !origin) return String(site);
  const prefix = site.isAsync() ? 'async ' : site.isConstructor() ? 'new ' : '';
  const file = fileURLToPath(new URL(origin.fileName, `${bundle}.map`));
  return `${prefix}${originalName(sm, site, caller)} (${file}:${origin.lineNumber}:${origin.columnNumber})`;
};

const header = (error: Error): string => {
  try {
    return Error.prototype.toString.call(error);
  } catch {
    return '<error>';
  }
};

// Left to Node when its own source maps are on (NODE_OPTIONS=--enable-source-maps while debugging).
if (!process.sourceMapsEnabled) {
  Error.prepareStackTrace = (error, sites) =>
    header(error) +
    sites
      .map((site, i) => {
        try {
          return `\n    at ${frame(site, sites[i + 1])}`;
        } catch {
          return `\n    at ${site}`;
        }
      })
      .join('');
}
