// The API's edges against the whole app in the sandbox: the regressions of what once answered 500 or
// API Gateway's own `{"message"}`, then fuzzing every operation of the served /openapi.json with
// hostile input, one field or parameter at a time (the rest plausible, so the hostile part is what
// gets judged): wrong types, empty, huge, control characters, lone surrogates, injections,
// malformed/truncated/deep/oversized bodies, wrong content types, bad credentials. The promise: never
// a 5xx (503 with Retry-After aside), every 4xx in the {detail, code} shape except the gateway's own
// answers, nothing crashes, and the sandbox still serves afterwards.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '#local/index.ts';
import { securityHeaders } from '#model/security-headers.ts';
import {
  encodeSegment,
  HOSTILE_STRINGS,
  HOSTILE_VALUES,
  hostileBodies,
  type RawBody,
  type Schema,
  sample,
} from '../helpers/hostile.ts';

interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly schema: Schema;
}

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly parameters?: readonly Parameter[];
  readonly requestBody?: { readonly content: Record<string, { schema: Schema }> };
  readonly security?: readonly Record<string, unknown>[];
}

interface Probe {
  readonly label: string;
  readonly method: string;
  /** Path and query, already encoded. */
  readonly target: string;
  readonly headers: Record<string, string>;
  readonly body?: string | Uint8Array<ArrayBuffer>;
}

/** Answers API Gateway gives itself, in its own `{"message"}` body: payload and header size limits. */
const GATEWAY_LIMITS = new Set([413, 431]);
// One at a time: every function then starts a single environment, which is most of the run's cost.
const CONCURRENCY = 1;

let sandbox: Sandbox;
let token = '';

beforeAll(async () => {
  // Unthrottled: the fuzzer sends hundreds of probes per route, and a gateway 429 would hide whether
  // the function behind it answers well.
  sandbox = await startSandbox({ port: 0, throttles: false });
  const account = { username: `fuzz_${randomUUID().slice(0, 8)}`, password: 'fuzzing-password-1' };
  const post = (path: string) =>
    fetch(`${sandbox.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(account),
    });
  expect((await post('/auth/register')).status).toBe(201);
  token = ((await (await post('/auth/login')).json()) as { token: string }).token;
});
afterAll(() => sandbox?.stop());

const decodes = (target: string): boolean => {
  try {
    decodeURIComponent(target.split('?')[0]!);
    return true;
  } catch {
    return false;
  }
};

/** Leaf positions of a plausible body (`['materials', 0, 'name']`), three levels deep at most. */
const leaves = (value: unknown, at: (string | number)[] = []): (string | number)[][] => {
  if (at.length >= 3 || value === null || typeof value !== 'object') return at.length > 0 ? [at] : [];
  const entries = Array.isArray(value) ? value.slice(0, 1).map((v, i) => [i, v] as const) : Object.entries(value);
  return [...(at.length > 0 ? [at] : []), ...entries.flatMap(([k, v]) => leaves(v, [...at, k]))];
};

const replaced = (value: unknown, at: readonly (string | number)[], next: unknown): unknown => {
  if (at.length === 0) return next;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[at[0]!] = replaced(copy[at[0]!], at.slice(1), next);
  return copy;
};

/**
 * A third of the hostile values, rotating from one field or parameter to the next, so that every
 * value is still tried across the operations while the run stays short.
 */
const SHARE = 3;
let rotation = 0;
const someOf = <T>(values: readonly T[]): T[] => {
  const offset = rotation++;
  return values.filter((_, i) => (i + offset) % SHARE === 0);
};

/** Every probe of one operation: the plausible request, then one hostile part at a time. */
const probesOf = (op: Operation, resolve: (ref: string) => Schema): Probe[] => {
  const params = op.parameters ?? [];
  const plausible = Object.fromEntries(params.map((p) => [p.name, String(sample(p.schema, resolve))]));
  const jsonSchema = op.requestBody?.content['application/json']?.schema;
  const body = jsonSchema ? sample(jsonSchema, resolve) : undefined;
  const auth: Record<string, string> = {};
  for (const scheme of (op.security ?? []).flatMap((s) => Object.keys(s))) {
    if (scheme === 'bearerAuth') auth.authorization = `Bearer ${token}`;
    if (scheme === 'apiKeyAuth') auth['x-api-key'] = sandbox.apiKey;
  }
  const target = (values: Record<string, string>, extraQuery = ''): string => {
    const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeSegment(values[name] ?? 'x'));
    const query = params.filter((p) => p.in === 'query').map((p) => `${p.name}=${encodeSegment(values[p.name]!)}`);
    return `${path}${query.length > 0 || extraQuery ? `?${[...query, extraQuery].filter(Boolean).join('&')}` : ''}`;
  };
  const jsonHeaders = { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
  const probe = (label: string, over: Partial<Probe> = {}): Probe => ({
    label: `${op.method} ${op.path} ${label}`,
    method: op.method,
    target: target(plausible),
    headers: jsonHeaders,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    ...over,
  });
  const raw = (b: RawBody): Probe =>
    probe(`with ${b.what}`, {
      headers: { ...auth, ...(b.contentType ? { 'content-type': b.contentType } : {}) },
      body: b.body,
    });

  const probes: Probe[] = [probe('(plausible)')];
  for (const p of params.filter((x) => x.in !== 'header')) {
    for (const value of someOf(HOSTILE_STRINGS))
      probes.push(
        probe(`${p.in} ${p.name}=${JSON.stringify(value.slice(0, 20))}`, {
          target: target({ ...plausible, [p.name]: value }),
        }),
      );
  }
  probes.push(
    probe('with a repeated and an unknown query parameter', {
      target: target(plausible, `${params.find((p) => p.in === 'query')?.name ?? 'x'}=2&zz%00=1`),
    }),
  );
  if (body !== undefined) {
    for (const at of leaves(body)) {
      for (const value of someOf(HOSTILE_VALUES)) {
        probes.push(
          probe(`body.${at.join('.')}=${JSON.stringify(value)?.slice(0, 20)}`, {
            body: JSON.stringify(replaced(body, at, value)),
          }),
        );
      }
      probes.push(probe(`without body.${at.join('.')}`, { body: JSON.stringify(replaced(body, at, undefined)) }));
    }
    probes.push(probe('with an unknown body field', { body: JSON.stringify({ ...(body as object), zz_unknown: 1 }) }));
    probes.push(...hostileBodies(body).map(raw));
  } else if (op.method !== 'GET') {
    // A body the operation does not expect is ignored or refused, never a crash (fetch sends none with GET).
    probes.push(...hostileBodies(undefined).slice(0, 3).map(raw));
  }
  if (auth.authorization) {
    for (const value of ['', 'x', 'Bearer', `Bearer ${'x'.repeat(5000)}`, `Basic ${token}`])
      probes.push(
        probe(`with Authorization ${JSON.stringify(value.slice(0, 20))}`, {
          headers: { ...jsonHeaders, authorization: value },
        }),
      );
  }
  if (auth['x-api-key']) {
    for (const value of ['', 'wrong', 'k'.repeat(5000), `${sandbox.apiKey} `])
      probes.push(
        probe(`with x-api-key ${JSON.stringify(value.slice(0, 20))}`, {
          headers: { ...jsonHeaders, 'x-api-key': value },
        }),
      );
  }
  return probes;
};

/** What is wrong with an answer, if anything. */
const judge = async (probe: Probe, res: Response): Promise<string | undefined> => {
  const text = await res.text();
  const status = res.status;
  if (status >= 500)
    return status === 503 && res.headers.get('retry-after') ? undefined : `${status} ${text.slice(0, 200)}`;
  if (status < 400 || GATEWAY_LIMITS.has(status)) return undefined;
  // API Gateway refuses a path that does not decode before routing, in its own body.
  if (status === 400 && !decodes(probe.target))
    return text === '{"message":"Bad Request"}' ? undefined : `gateway 400 with ${text.slice(0, 200)}`;
  try {
    const body = JSON.parse(text) as { detail?: unknown; code?: unknown };
    if (typeof body.detail === 'string' && typeof body.code === 'string') return undefined;
  } catch {
    // Reported below.
  }
  return `${status} not {detail, code}: ${text.slice(0, 200)}`;
};

/** Sends the probes a few at a time; returns the findings. */
const run = async (probes: readonly Probe[]): Promise<string[]> => {
  const findings: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < probes.length) {
      const probe = probes[next++]!;
      try {
        const res = await fetch(`${sandbox.url}${probe.target}`, {
          method: probe.method,
          headers: probe.headers,
          ...(probe.body === undefined ? {} : { body: probe.body }),
        });
        const finding = await judge(probe, res);
        if (finding) findings.push(`${probe.label}: ${finding}`);
      } catch (error) {
        findings.push(`${probe.label}: no answer (${(error as Error).message})`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return findings;
};

describe('API edges: regressions', () => {
  it.each(['/formulas/%zz', '/%', '/palettes/%E0%A4%A', '/teams/%ED%A0%80/palettes', '/docs/%zz'])(
    'refuses %s, a path that does not decode, with the gateway 400 (was a 500)',
    async (path) => {
      const res = await fetch(`${sandbox.url}${path}`);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ message: 'Bad Request' });
    },
  );

  it('serves nothing from outside the web root', async () => {
    for (const path of [
      '/..%2f..%2fpackage.json',
      '/%2e%2e/%2e%2e/package.json',
      '/docs/..%2f..%2f..%2fpackage.json',
    ]) {
      const res = await fetch(`${sandbox.url}${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.json(), path).toMatchObject({ code: 'route_not_found' });
    }
  });

  it.each([
    ['GET', '/no/such/route'],
    ['POST', '/nope'],
  ])('answers %s %s with 404 route_not_found', async (method, path) => {
    const res = await fetch(`${sandbox.url}${path}`, { method });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ detail: `No route for ${method} ${path}.`, code: 'route_not_found' });
  });

  it.each([
    ['POST', '/difference', 'GET'],
    ['DELETE', '/formulas', 'GET, POST'],
    ['PUT', '/palettes/7a1d0f4e-5c1b-4a55-9d1e-0a9c1b2c3d4e', 'DELETE, GET, PATCH'],
  ])('answers %s %s with 405 method_not_allowed and Allow: %s', async (method, path, allow) => {
    const res = await fetch(`${sandbox.url}${path}`, { method });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe(allow);
    expect(await res.json()).toMatchObject({ code: 'method_not_allowed' });
  });

  it('sends the security headers on pages, assets, redirects, API answers and the gateway’s own errors', async () => {
    // The page may also send to the sandbox's S3, where presigned upload URLs point (AWS: the region's S3).
    const { hostname, port } = (await sandbox.clients.s3.config.endpoint!()) as { hostname: string; port?: number };
    const expected = securityHeaders(`http://${hostname}:${port}`);
    for (const path of ['/', '/math/', '/docs/', '/style.css', '/math', '/formulas', '/no/such/route', '/%E0%A4%A']) {
      const res = await fetch(`${sandbox.url}${path}`, { redirect: 'manual' });
      await res.arrayBuffer();
      const sent = Object.fromEntries([...res.headers].filter(([name]) => name in expected));
      expect(sent, path).toEqual(expected);
    }
  });

  it('gives another origin no CORS grant, preflight or not: the pages share the API’s origin', async () => {
    for (const path of ['/formulas', '/no/such/route']) {
      const preflight = await fetch(`${sandbox.url}${path}`, {
        method: 'OPTIONS',
        headers: { origin: 'http://x.test', 'access-control-request-method': 'POST' },
      });
      const read = await fetch(`${sandbox.url}${path}`, { headers: { origin: 'http://x.test' } });
      expect(preflight.headers.get('access-control-allow-origin'), path).toBeNull();
      expect(read.headers.get('access-control-allow-origin'), path).toBeNull();
    }
  });

  it.each([
    ['37 letters', 'a'.repeat(37)],
    ['an overlong decimal', '1.000000000000000000000000000000001'],
    ['a 33-digit number', '1'.repeat(33)],
  ])('answers a formula whose concentration is %s with one 400 naming it (was a 500)', async (_what, concentration) => {
    const res = await fetch(`${sandbox.url}/formulas`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Edge', materials: [{ name: 'a', concentration }] }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      detail: expect.stringMatching(/^body\.materials\.0\.concentration: [^;]+$/),
      code: 'validation_error',
    });
  });
});

describe('API fuzzing: every operation of /openapi.json with hostile input', () => {
  // Bounded by its fixed list of probes (a few hundred requests); the timeout only leaves room for a
  // loaded machine, where starting forty functions' environments dominates the run.
  it('never answers 5xx, answers every 4xx as {detail, code}, and keeps serving', { timeout: 300_000 }, async () => {
    const doc = (await (await fetch(`${sandbox.url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>>;
      components?: { schemas?: Record<string, Schema> };
    };
    const resolve = (ref: string): Schema => doc.components?.schemas?.[ref.split('/').pop()!] ?? {};
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ ...op, method: method.toUpperCase(), path }) as Operation),
    );
    expect(operations.length).toBeGreaterThan(30);
    // Signing out revokes the token the other probes use: that operation goes last.
    const isLogout = (op: Operation) => op.path === '/auth/logout';
    const probes = (ops: Operation[]) => ops.flatMap((op) => probesOf(op, resolve));

    const findings = [
      ...(await run(probes(operations.filter((op) => !isLogout(op))))),
      ...(await run(probes(operations.filter(isLogout)))),
    ];

    expect(findings).toEqual([]);
    // Healthy afterwards: background work from accepted probes settles without a crash or a failed batch.
    await sandbox.idle(30_000);
    expect(
      sandbox.invocations
        .filter((r) => r.outcome !== 'success')
        .map((r) => `${r.function} ${r.origin}: ${r.outcome} ${r.error ?? ''}`),
    ).toEqual([]);
    expect((await fetch(`${sandbox.url}/healthz`)).status).toBe(200);
  });
});
