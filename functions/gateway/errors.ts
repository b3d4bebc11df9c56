import { NotFoundError } from '#shared/errors.ts';

/** No route of the API has this path, under any method. */
export class RouteNotFoundError extends NotFoundError {
  override name = 'RouteNotFoundError';
  constructor(method: string, path: string) {
    super(`No route for ${method} ${path}.`, 'route_not_found');
  }
}
