import type { RouteContract } from '#model/manifest.ts';

/** The `$default` route's contract: no input to parse, and never in the OpenAPI document. */
export const defaultRouteContract = {
  summary: 'Requests no route matches: 404 for an unknown path, 405 with Allow for another method',
} satisfies RouteContract;
