// API Gateway throttling, as the HTTP API applies the stack's settings (infra/constructs/api.ts) from the
// same manifest: the stage's default route settings give every route, `$default` included, a token bucket
// of its own; a route with a `throttle` gets that limit instead. A request finding its route's bucket
// empty is refused before the function runs, with the gateway's 429 `{"message":"Too Many Requests"}`.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html
import { appBudget, budgetedRouteThrottle } from '#model/concurrency.ts';
import { routeKey } from '#model/derive.ts';
import type { ResolvedApp, RouteDef, Throttle } from '#model/manifest.ts';

export interface Throttles {
  /** Takes a token from the route's bucket: false when it is empty (the request gets a 429). */
  admit(routeKey: string): boolean;
}

/**
 * A bucket holding up to `burstLimit` tokens, full at first, refilled at `rateLimit` per second; each
 * request takes one. `now` is in milliseconds.
 */
export const tokenBucket = ({ rateLimit, burstLimit }: Throttle, now: () => number) => {
  let tokens = burstLimit;
  let last = now();
  return {
    take(): boolean {
      const t = now();
      tokens = Math.min(burstLimit, tokens + ((t - last) / 1000) * rateLimit);
      last = t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
};

export const createThrottles = (
  routes: readonly RouteDef[],
  stage: Throttle,
  now: () => number = () => performance.now(),
): Throttles => {
  const limits = new Map(routes.map((r) => [routeKey(r), r.throttle ?? stage]));
  const buckets = new Map<string, ReturnType<typeof tokenBucket>>();
  return {
    admit(key) {
      let bucket = buckets.get(key);
      if (!bucket) {
        bucket = tokenBucket(limits.get(key) ?? stage, now);
        buckets.set(key, bucket);
      }
      return bucket.take();
    },
  };
};

/**
 * The limits a deploy without context applies: the stage's, and each throttled route's with its burst
 * held to the concurrency budget of a new account's quota (model/concurrency.ts), as the stack does.
 */
export const deployedThrottles = (
  app: Pick<ResolvedApp, 'routes' | 'triggers' | 'functions' | 'settings'>,
  now?: () => number,
): Throttles => {
  const budget = appBudget(app);
  const routes = app.routes.map((r) =>
    r.throttle ? { ...r, throttle: budgetedRouteThrottle(r.throttle, budget) } : r,
  );
  return createThrottles(routes, app.settings.stageThrottle, now);
};

/** No limits: for load tests and benchmarks that burst past the stage's on purpose. */
export const UNTHROTTLED: Throttles = { admit: () => true };
