// The layer order of docs/architecture.md, held: model/ -> shared/ -> functions/<service>/ -> app.ts ->
// build/, infra/, local/. Every import points down (or within its own folder); no service reaches into
// another; nothing climbs three folders up. Inside a service, handlers/ -> app/ -> store/ -> domain/; the
// domain is pure (no HTTP pipeline, no Lambda event types, no AWS SDK) and the entities' schemas live
// there, so neither the domain nor a store imports the route contracts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = normalize(join(import.meta.dirname, '../..'));

const sources = (dir: string): string[] =>
  readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });

interface Import {
  readonly from: string;
  readonly specifier: string;
  /** Repository path of the imported module; undefined for a package. */
  readonly target?: string;
}

const importsOf = (file: string): Import[] =>
  [...readFileSync(join(ROOT, file), 'utf8').matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map(([, specifier]) => {
    const spec = specifier!;
    if (spec === '#app') return { from: file, specifier: spec, target: 'app.ts' };
    if (spec.startsWith('#')) return { from: file, specifier: spec, target: spec.slice(1) };
    if (spec.startsWith('.'))
      return { from: file, specifier: spec, target: relative(ROOT, join(ROOT, dirname(file), spec)) };
    return { from: file, specifier: spec };
  });

const all = ['model', 'shared', 'functions', 'build', 'infra', 'local']
  .flatMap(sources)
  .concat('app.ts')
  .flatMap(importsOf);
const layer = (path: string): string => path.split('/')[0]!;
const service = (path: string): string | undefined => (layer(path) === 'functions' ? path.split('/')[1] : undefined);
const show = (list: Import[]): string[] => list.map((i) => `${i.from} -> ${i.specifier}`);

/** Packages that read an HTTP request's body: the pipeline's business, not the domain's. */
const BODY_PARSERS = ['busboy'];

/** A service file's place in its service: handlers/ above app/ above store/ above domain/. */
const TIERS = ['domain', 'store', 'app', 'handlers'] as const;
const tier = (path: string): number => (service(path) ? TIERS.indexOf(path.split('/')[2] as never) : -1);
const inTier = (path: string, name: (typeof TIERS)[number]): boolean => tier(path) === TIERS.indexOf(name);

/** What each layer may import besides itself and packages. */
const BELOW: Record<string, readonly string[]> = {
  model: [],
  shared: ['model'],
  functions: ['model', 'shared'],
  'app.ts': ['model', 'functions'],
  build: ['model', 'shared', 'functions', 'app.ts'],
  infra: ['model', 'shared', 'functions', 'app.ts', 'build', 'scripts'],
  local: ['model', 'shared', 'functions', 'app.ts', 'build', 'scripts', 'web'],
};

describe('Repository: layers', () => {
  it('has every import pointing down the layers', () => {
    const upward = all.filter(
      (i) => i.target && layer(i.target) !== layer(i.from) && !BELOW[layer(i.from)]!.includes(layer(i.target)),
    );
    expect(show(upward)).toEqual([]);
  });

  it('keeps each service to its own folder', () => {
    const across = all.filter(
      (i) => i.target && service(i.from) && service(i.target) && service(i.from) !== service(i.target),
    );
    expect(show(across)).toEqual([]);
  });

  it('has every import inside a service pointing down handlers/, app/, store/, domain/', () => {
    const upward = all.filter(
      (i) => i.target && service(i.from) && service(i.from) === service(i.target) && tier(i.target) > tier(i.from),
    );

    expect(show(upward.filter((i) => tier(i.from) >= 0))).toEqual([]);
  });

  it('keeps domain/ pure: nothing of the HTTP pipeline, Lambda event types or the AWS SDK', () => {
    const impure = all.filter(
      (i) =>
        inTier(i.from, 'domain') &&
        (i.target?.startsWith('shared/http/') ||
          i.specifier === 'aws-lambda' ||
          i.specifier.startsWith('@aws-sdk/') ||
          BODY_PARSERS.includes(i.specifier)),
    );

    expect(show(impure)).toEqual([]);
  });

  it('keeps the route contracts out of domain/ and store/ (both import the entity schemas)', () => {
    const contracts = all.filter(
      (i) =>
        (inTier(i.from, 'domain') || inTier(i.from, 'store')) &&
        /^functions\/[^/]+\/contracts\.ts$/.test(i.target ?? ''),
    );

    expect(show(contracts)).toEqual([]);
  });

  it('has no import climbing three or more folders', () => {
    expect(show(all.filter((i) => i.specifier.startsWith('../../../')))).toEqual([]);
  });

  // Classic zod costs ~98 kB in every bundle that imports it once (docs/performance.md, Cold starts).
  it('imports zod only through model/zod.ts (zod/mini with its English messages)', () => {
    const direct = all.filter((i) => /^zod(\/|$)/.test(i.specifier) && i.from !== 'model/zod.ts');

    expect(show(direct)).toEqual([]);
  });

  it('sees the imports it checks', () => {
    expect(all.filter((i) => i.target).length).toBeGreaterThan(300);
  });
});
