// Secure defaults against the sandbox with the manifest's throttles on, as deployed: the gateway's 429s,
// password guessing slowed per account, and no route that needs a credential doing anything without one.
// The threat model these belong to: docs/security.md.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { app } from '#app';
import { startSandbox, type Sandbox } from '#local/index.ts';
import { appBudget, budgetedRouteThrottle } from '#model/concurrency.ts';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});

afterAll(async () => {
  await sandbox?.stop();
});

const post = (path: string, body: unknown) =>
  fetch(`${sandbox.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('Gateway throttles from the manifest', () => {
  it('refuses a burst past /auth/login’s limit with the gateway’s 429, before the function runs', async () => {
    const route = app.routes.find((r) => r.path === '/auth/login')!;
    // As deployed without context: the manifest's burst held to the concurrency budget (model/concurrency.ts).
    const { burstLimit } = budgetedRouteThrottle(route.throttle!, appBudget(app));
    const runs = () => sandbox.invocations.filter((i) => i.function === route.function).length;
    const before = runs();
    const burst = burstLimit * 5;

    // Bodies the function refuses at once (400, no password work, no failure counted): only the gateway's
    // bucket decides who gets in.
    const replies = await Promise.all(Array.from({ length: burst }, () => post('/auth/login', {})));

    const refused = replies.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(await refused[0]!.json()).toEqual({ message: 'Too Many Requests' });
    expect(runs() - before).toBe(burst - refused.length);
    expect(burst - refused.length).toBeGreaterThanOrEqual(burstLimit);
  });
});

describe('Sign-in backoff', () => {
  it('answers 429 sign_in_backoff with Retry-After after the free failures, even to the right password', async () => {
    // Past the previous test's burst: the route's bucket refills at its rate (5 per second).
    await new Promise((r) => setTimeout(r, 2_500));
    const username = `guarded-${randomUUID().slice(0, 8)}`;
    const password = 'correct horse battery';
    expect((await post('/auth/register', { username, password })).status).toBe(201);

    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await post('/auth/login', { username, password: `guess ${i} wrong` })).status);
    const closed = await post('/auth/login', { username, password });

    expect(statuses).toEqual([401, 401, 401, 401, 401, 401]);
    expect(closed.status).toBe(429);
    expect(Number(closed.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await closed.json()).toMatchObject({ code: 'sign_in_backoff', detail: expect.any(String) });
  });
});

describe('Routes that need a credential', () => {
  const guarded = app.routes.filter((r) => r.contract.auth !== 'public');

  it('include every route that deletes or changes shared data', () => {
    const changing = app.routes.filter((r) => ['DELETE', 'PATCH', 'PUT'].includes(r.method));
    expect(changing.length).toBeGreaterThan(0);
    for (const r of changing) expect(r.contract.auth, `${r.method} ${r.path}`).not.toBe('public');
  });

  it.each(guarded.map((r) => [r.method, r.path, r.contract.auth] as const))(
    'answers %s %s (%s) without a credential 401, without running anything past the check',
    async (method, path) => {
      const res = await fetch(`${sandbox.url}${path.replace(/\{[^}]+\}/g, randomUUID())}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: method === 'GET' ? undefined : '{}',
      });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ code: expect.stringMatching(/^missing_/) });
    },
  );
});
