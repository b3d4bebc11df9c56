// The HTTP API's `$default` route: what no other route matches gets the API's error shape instead of
// API Gateway's `{"message":"Not Found"}`. An unknown path is a 404; a known path under another
// method is a 405 naming the methods it has. OPTIONS reaches this route too (including CORS
// preflights: $default catches every method), and is answered 204; the gateway adds its CORS headers.
import * as z from 'zod';
import { readEnv } from '#shared/config.ts';
import { MethodNotAllowedError, NotFoundError } from '#shared/errors.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { respond } from '#shared/http/response.ts';
import { matchPath } from '#shared/http/route-path.ts';
import { API_ROUTES_ENV } from '#model/env.ts';
import { defaultRouteContract } from '../contracts.ts';

const routeKeys = z
  .string()
  .transform((text) => z.array(z.string().regex(/^[A-Z]+ \/\S*$/)).parse(JSON.parse(text)))
  .transform((keys) => keys.map((key) => ({ method: key.split(' ')[0]!, path: key.split(' ')[1]! })));
const routes = readEnv(z.object({ [API_ROUTES_ENV]: routeKeys }))[API_ROUTES_ENV];

const raw = (segment: string): string => segment;

/** The methods the API serves at `path`, sorted (only the path's shape matters, so nothing is decoded). */
const methodsAt = (path: string): string[] =>
  [...new Set(routes.filter((r) => matchPath(r.path, path, raw)).map((r) => r.method))].sort();

export const handler = httpHandler(defaultRouteContract, async ({ event }) => {
  const { method, path } = event.requestContext.http;
  const methods = methodsAt(path);
  if (method === 'OPTIONS') return respond(204, undefined, methods.length > 0 ? { allow: [...methods, 'OPTIONS'].join(', ') } : {});
  if (methods.length === 0) throw new NotFoundError(`No route for ${method} ${path}.`, 'route_not_found');
  throw new MethodNotAllowedError(`${path} does not accept ${method}; it accepts ${methods.join(', ')}.`, methods);
});
