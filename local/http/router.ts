// HTTP API route selection: the most specific route wins (literal segments beat {param}, which beats
// {proxy+}), and the method must match exactly.
import { routeKey } from '#model/derive.ts';
import type { RouteDef } from '#model/manifest.ts';
import { matchPath } from '#model/route-path.ts';

export interface RouteMatch {
  readonly routeKey: string;
  readonly function: string;
  readonly pathParameters: Record<string, string>;
}

const score = (segments: readonly string[]): number[] =>
  segments.map((s) => (s.endsWith('+}') ? 0 : s.startsWith('{') ? 1 : 2));

const compareSpecificity = (a: RouteDef, b: RouteDef): number => {
  const [sa, sb] = [score(a.path.split('/')), score(b.path.split('/'))];
  for (let i = 0; i < Math.max(sa.length, sb.length); i++) {
    const d = (sb[i] ?? -1) - (sa[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
};

export const createRouter = (routes: readonly RouteDef[]) => {
  const ordered = [...routes].sort(compareSpecificity);
  return {
    /** The route for method + path (a path that decodes: the server checked it), if any. */
    match(method: string, path: string): RouteMatch | undefined {
      for (const route of ordered) {
        if (route.method !== method) continue;
        const params = matchPath(route.path, path);
        if (params) return { routeKey: routeKey(route), function: route.function, pathParameters: params };
      }
      return undefined;
    },
  };
};
