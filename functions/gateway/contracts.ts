import * as z from '#model/zod.ts';
import type { RouteContract } from '#model/manifest.ts';

/** The `$default` route's contract: no input to parse, and never in the OpenAPI document. */
export const defaultRouteContract = {
  auth: 'public',
  summary: 'Requests no route matches: 404 for an unknown path, 405 with Allow for another method',
  /** OPTIONS (CORS preflights included); everything else is an error. */
  responses: { 204: z.undefined() },
} satisfies RouteContract;
