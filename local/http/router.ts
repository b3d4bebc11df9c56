// HTTP API route selection: the most specific route wins (literal segments beat {param}, which beats
// {proxy+}), and the method must match exactly.
import type { RouteDef } from '../../infra/manifest-types.ts';

export interface RouteMatch {
  readonly route: RouteDef;
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

const matchPath = (template: string, path: string): Record<string, string> | undefined => {
  const t = template.split('/');
  const p = path.split('/');
  const params: Record<string, string> = {};
  for (let i = 0; i < t.length; i++) {
    const seg = t[i]!;
    const greedy = /^\{(\w+)\+\}$/.exec(seg);
    if (greedy) {
      const rest = p.slice(i).join('/');
      if (!rest) return undefined;
      params[greedy[1]!] = decodeURIComponent(rest);
      return params;
    }
    const value = p[i];
    if (value === undefined) return undefined;
    const param = /^\{(\w+)\}$/.exec(seg);
    if (param) {
      if (value === '') return undefined;
      params[param[1]!] = decodeURIComponent(value);
    } else if (seg !== value) return undefined;
  }
  return p.length === t.length ? params : undefined;
};

export const createRouter = (routes: readonly RouteDef[]) => {
  const ordered = [...routes].sort(compareSpecificity);
  return {
    /** The route for method + path, or whether the path exists under another method. */
    match(method: string, path: string): RouteMatch | 'method-not-allowed' | undefined {
      let pathExists = false;
      for (const route of ordered) {
        const params = matchPath(route.path, path);
        if (!params) continue;
        if (route.method === method) return { route, pathParameters: params };
        pathExists = true;
      }
      return pathExists ? 'method-not-allowed' : undefined;
    },
  };
};
