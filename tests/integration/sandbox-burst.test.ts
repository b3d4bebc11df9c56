// A burst at cold functions on a fresh sandbox degrades as Lambda does: slower, never a 5xx from the
// sandbox's own machinery (no environment failing its init limit because forty loaded at once).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '#local/index.ts';

let sandbox: Sandbox;

const call = async (method: string, path: string, token?: string, body?: unknown) => {
  const res = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json().catch(() => ({}))) as Record<string, any> };
};

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});

afterAll(async () => {
  await sandbox?.stop();
});

describe('Sandbox: a burst at cold functions', () => {
  it('answers 40 concurrent requests at four cold palettes routes without a 5xx', async () => {
    const username = `burst_${Math.random().toString(36).slice(2, 10)}`;
    const password = 'correct horse battery';
    const registered = await call('POST', '/auth/register', undefined, { username, password });
    expect(registered.status).toBe(201);
    const { json } = await call('POST', '/auth/login', undefined, { username, password });
    const token = json.token as string;
    const team = registered.json.personal_team_id as string;
    const routes = [
      ['PUT', `/teams/${team}/members/me`],
      ['DELETE', `/teams/${team}/members/me`],
      ['GET', `/teams/${team}`],
      ['GET', '/palettes'],
    ] as const;
    const before = sandbox.invocations.length;

    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) => call(routes[i % 4]![0], routes[i % 4]![1], token)),
    );

    // Joining or leaving one's own personal team may be refused (4xx); the sandbox never fails (5xx).
    expect(replies.filter((r) => r.status >= 500)).toEqual([]);
    const burst = sandbox.invocations.slice(before);
    expect(burst).toHaveLength(40);
    expect(burst.filter((r) => r.outcome !== 'success').map((r) => r.error)).toEqual([]);
    // Each function cold-started at least once, and the log says so.
    expect(new Set(burst.filter((r) => r.initMs !== undefined).map((r) => r.function)).size).toBe(4);
  });
});
