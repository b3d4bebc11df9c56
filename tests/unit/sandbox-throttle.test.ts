// The sandbox's API Gateway throttling in isolation, on a clock the test moves.
import { describe, expect, it } from 'vitest';
import type { RouteDef } from '#model/manifest.ts';
import { createThrottles, deployedThrottles } from '#local/http/throttle.ts';
import { app as manifest } from '#app';
import { appBudget } from '#model/concurrency.ts';
import { resolveApp } from '#model/resolve.ts';

const route = (path: string, throttle?: RouteDef['throttle']): RouteDef => ({
  method: 'POST',
  path,
  function: 'f',
  contract: { auth: 'public', summary: '' },
  ...(throttle ? { throttle } : {}),
});

/** How many of `n` requests at the same instant the route admits. */
const admitted = (admit: () => boolean, n: number): number => Array.from({ length: n }, admit).filter(Boolean).length;

describe('Function: createThrottles()', () => {
  const stage = { rateLimit: 50, burstLimit: 100 };

  it('admits a burst up to the limit, then as many per second as the rate refills', () => {
    let now = 0;
    const throttles = createThrottles([route('/a')], stage, () => now);
    const admit = () => throttles.admit('POST /a');

    expect(admitted(admit, 150)).toBe(100);
    now += 200;
    expect(admitted(admit, 50)).toBe(10);
    now += 10_000;
    expect(admitted(admit, 150)).toBe(100);
  });

  it('gives a route with its own throttle that limit, and every route a bucket of its own', () => {
    let now = 0;
    const throttles = createThrottles(
      [route('/login', { rateLimit: 5, burstLimit: 10 }), route('/a')],
      stage,
      () => now,
    );

    expect(admitted(() => throttles.admit('POST /login'), 30)).toBe(10);
    expect(admitted(() => throttles.admit('POST /a'), 30)).toBe(30);
    now += 1000;
    expect(admitted(() => throttles.admit('POST /login'), 30)).toBe(5);
  });

  it('limits the $default route by the stage', () => {
    const throttles = createThrottles([], stage, () => 0);
    expect(admitted(() => throttles.admit('$default'), 101)).toBe(100);
  });
});

describe('Function: deployedThrottles()', () => {
  it("holds the sign-in route's burst to the concurrency budget of a new account, as a deploy without context does", () => {
    const app = resolveApp(manifest);
    const login = app.routes.find((r) => r.path === '/auth/login')!;
    const ceiling = appBudget(app).routeBurstCeiling;
    expect(login.throttle!.burstLimit).toBeGreaterThan(ceiling);

    const throttles = deployedThrottles(app, () => 0);

    expect(admitted(() => throttles.admit('POST /auth/login'), 30)).toBe(ceiling);
    expect(admitted(() => throttles.admit('GET /difference'), 200)).toBe(app.settings.stageThrottle.burstLimit);
  });
});
