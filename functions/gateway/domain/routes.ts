import * as z from '#model/zod.ts';
import { matchPath } from '#model/route-path.ts';
import { jsonText } from '#shared/json-text.ts';

export interface Route {
  readonly method: string;
  readonly path: string;
}

/** The API's route keys (`GET /teams/{id}`) as the JSON text the stack derives from the manifest. */
export const routeKeys = z.pipe(
  jsonText(z.array(z.string().check(z.regex(/^[A-Z]+ \/\S*$/)))),
  z.transform((keys): Route[] => keys.map((key) => ({ method: key.split(' ')[0]!, path: key.split(' ')[1]! }))),
);

const raw = (segment: string): string => segment;

/** The methods the API serves at `path`, sorted (only the path's shape matters, so nothing is decoded). */
export const methodsAt = (routes: readonly Route[], path: string): string[] =>
  [...new Set(routes.filter((r) => matchPath(r.path, path, raw)).map((r) => r.method))].sort();
