import { MethodNotAllowedError } from '#shared/errors.ts';
import { respond } from '#shared/http/response.ts';
import { methodsAt, type Route } from '../domain/routes.ts';
import { RouteNotFoundError } from '../errors.ts';

/**
 * The answer to `method path` that no route matched: an unknown path is a 404; a known path under another
 * method is a 405 naming the methods it has. OPTIONS (CORS preflights included: $default catches every
 * method) is answered 204; the gateway adds its CORS headers.
 */
export const answerUnmatched = ({ routes }: { routes: readonly Route[] }, method: string, path: string) => {
  const methods = methodsAt(routes, path);
  if (method === 'OPTIONS')
    return respond(204, undefined, methods.length > 0 ? { allow: [...methods, 'OPTIONS'].join(', ') } : {});
  if (methods.length === 0) throw new RouteNotFoundError(method, path);
  throw new MethodNotAllowedError(`${path} does not accept ${method}; it accepts ${methods.join(', ')}.`, methods);
};
