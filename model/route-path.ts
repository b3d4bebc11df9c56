// API Gateway's path templates (`/teams/{id}`, `/files/{key+}`): one matcher for the sandbox's router
// and for the `$default` function, which tells an unknown path from a known one under another method.

/**
 * The path parameters of `path` under `template`, or undefined if it does not match. Parameters are
 * percent-decoded by default (which throws URIError on a malformed escape); pass `decode` to keep them raw.
 */
export const matchPath = (
  template: string,
  path: string,
  decode: (segment: string) => string = decodeURIComponent,
): Record<string, string> | undefined => {
  const t = template.split('/');
  const p = path.split('/');
  const params: Record<string, string> = {};
  for (let i = 0; i < t.length; i++) {
    const seg = t[i]!;
    const greedy = /^\{(\w+)\+\}$/.exec(seg);
    if (greedy) {
      const rest = p.slice(i).join('/');
      if (!rest) return undefined;
      params[greedy[1]!] = decode(rest);
      return params;
    }
    const value = p[i];
    if (value === undefined) return undefined;
    const param = /^\{(\w+)\}$/.exec(seg);
    if (param) {
      if (value === '') return undefined;
      params[param[1]!] = decode(value);
    } else if (seg !== value) return undefined;
  }
  return p.length === t.length ? params : undefined;
};
