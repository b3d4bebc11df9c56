// The HTTP API's `$default` route: what no other route matches gets the API's error shape instead of
// API Gateway's `{"message":"Not Found"}` (app/answer-unmatched.ts says which).
import * as z from '#model/zod.ts';
import { readEnv } from '#shared/config.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { lazy } from '#shared/lazy.ts';
import { API_ROUTES_ENV } from '#model/env.ts';
import { answerUnmatched } from '../app/answer-unmatched.ts';
import { defaultRouteContract } from '../contracts.ts';
import { routeKeys } from '../domain/routes.ts';

// The route table, from the environment on the first request.
const deps = lazy(() => ({ routes: readEnv(z.object({ [API_ROUTES_ENV]: routeKeys }))[API_ROUTES_ENV] }));

export const handler = httpHandler(defaultRouteContract, async ({ event }) => {
  const { method, path } = event.requestContext.http;
  return answerUnmatched(deps(), method, path);
});
