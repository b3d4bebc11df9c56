// One walk through each service, as issue 14 lists it. A step returns what it saw (for the table)
// or throws; steps of one service share what earlier ones created, and the cleanup steps remove it
// where the API allows (users, formulas, mouse sessions and imports have no delete route).
import { randomUUID } from 'node:crypto';
import { type Client, describe, expect, type Reply } from './client.ts';

export interface Step {
  readonly service: string;
  readonly name: string;
  /** Needs the API key (skipped without one). */
  readonly apiKey?: boolean;
  run(client: Client): Promise<string>;
}

const ok = (reply: Reply, status: number, what: string): void =>
  expect(reply.status === status, `${what}: expected ${status}, got ${describe(reply)}`);
const unique = (): string => randomUUID().slice(0, 8);

const ui = (): Step[] => [
  {
    service: 'ui',
    name: 'landing page and mouse page',
    async run(client) {
      const [home, mouse] = [await client.call('GET', '/'), await client.call('GET', '/mouse/')];
      ok(home, 200, 'GET /');
      ok(mouse, 200, 'GET /mouse/');
      expect(home.headers.get('content-type')?.includes('text/html') === true, 'GET / is not HTML');
      return 'HTML from the same origin as the API';
    },
  },
];

const math = (): Step[] => {
  // A random input: tracking is checked as "one more than the call before", whatever ran earlier.
  const number = 1 + Math.floor(Math.random() * 100);
  const tracked = async (client: Client, path: string): Promise<string> => {
    const first = await client.call('GET', path);
    const second = await client.call('GET', path);
    ok(first, 200, path);
    ok(second, 200, path);
    expect(
      second.json.occurrences === first.json.occurrences + 1,
      `occurrences did not count up: ${first.json.occurrences} then ${second.json.occurrences}`,
    );
    expect(second.json.last_datetime === first.json.datetime, 'last_datetime is not the previous request');
    return `value ${JSON.stringify(second.json.value)}, occurrences ${first.json.occurrences} -> ${second.json.occurrences}`;
  };
  return [
    { service: 'math', name: 'difference, tracked', run: (client) => tracked(client, `/difference?number=${number}`) },
    {
      service: 'math',
      name: 'triplet, tracked',
      run: (client) => tracked(client, `/triplet?sum=${12 * (1 + (number % 50))}`),
    },
  ];
};

const mouse = (): Step[] => {
  const session = randomUUID();
  const t = Date.now();
  return [
    {
      service: 'mouse',
      name: 'batch to its stats point',
      async run(client) {
        const events = [0, 1, 2, 3].map((i) => ({ x: i * 3, y: i * 4, t: t + i * 10 }));
        ok(
          await client.call('POST', `/mouse/sessions/${session}/events`, { body: { seq: 0, events } }),
          202,
          'POST events',
        );
        const stats = await client.poll(
          `/mouse/sessions/${session}/stats`,
          (r) => r.status === 200 && r.json.items?.length === 1,
        );
        expect(stats.json.items?.length === 1, `no stats point: ${describe(stats)}`);
        const point = stats.json.items[0];
        expect(point.distance === 15 && point.events === 4, `wrong point: ${JSON.stringify(point)}`);
        return `distance ${point.distance} over ${point.events} events`;
      },
    },
  ];
};

const palettes = (): Step[] => {
  const users: { username: string; password: string; token?: string; team?: string }[] = [
    { username: `smoke_${unique()}`, password: `pw-${randomUUID()}` },
    { username: `smoke_${unique()}`, password: `pw-${randomUUID()}` },
  ];
  const [a, b] = users as [(typeof users)[0], (typeof users)[0]];
  let team = '';
  let palette = '';
  const auth = (u: (typeof users)[0]) => ({ authorization: `Bearer ${u.token}` });
  return [
    {
      service: 'palettes',
      name: 'register and log in two users',
      async run(client) {
        for (const u of users) {
          ok(
            await client.call('POST', '/auth/register', { body: { username: u.username, password: u.password } }),
            201,
            'register',
          );
          const login = await client.call('POST', '/auth/login', {
            body: { username: u.username, password: u.password },
          });
          ok(login, 200, 'login');
          u.token = login.json.token;
        }
        return `${a.username}, ${b.username}`;
      },
    },
    {
      service: 'palettes',
      name: 'team and palette',
      async run(client) {
        const created = await client.call('POST', '/teams', { body: { name: 'Smoke' }, headers: auth(a) });
        ok(created, 201, 'POST /teams');
        team = created.json.id;
        const made = await client.call('POST', `/teams/${team}/palettes`, {
          body: { name: 'Smoke', colors: ['#123', '#ABCDEF'] },
          headers: auth(a),
        });
        ok(made, 201, 'POST palette');
        palette = made.json.id;
        expect(
          JSON.stringify(made.json.colors) === JSON.stringify(['#112233', '#abcdef']),
          `colours not normalised: ${describe(made)}`,
        );
        return `palette ${palette}`;
      },
    },
    {
      service: 'palettes',
      name: "another user's palette is a 404",
      async run(client) {
        ok(await client.call('GET', `/palettes/${palette}`, { headers: auth(b) }), 404, 'GET as the other user');
        ok(await client.call('GET', `/palettes/${palette}`, { headers: auth(a) }), 200, 'GET as the owner');
        return 'hidden from a non-member';
      },
    },
    {
      service: 'palettes',
      name: 'cleanup: palette, team, sessions',
      async run(client) {
        ok(await client.call('DELETE', `/palettes/${palette}`, { headers: auth(a) }), 204, 'DELETE palette');
        ok(await client.call('DELETE', `/teams/${team}`, { headers: auth(a) }), 204, 'DELETE team');
        for (const u of users) ok(await client.call('POST', '/auth/logout', { headers: auth(u) }), 204, 'logout');
        return 'the users remain (no delete route)';
      },
    },
  ];
};

const formulas = (): Step[] => {
  const body = {
    name: 'Smoke',
    materials: [
      { name: `Smoke Accord ${randomUUID()}`, concentration: '12.5' },
      { name: 'Vanilla', concentration: 3.25 },
    ],
  };
  let id = '';
  return [
    {
      service: 'formulas',
      name: 'submit to processed',
      async run(client) {
        const submitted = await client.call('POST', '/formulas', {
          body,
          headers: { 'idempotency-key': randomUUID() },
        });
        ok(submitted, 202, 'POST /formulas');
        id = submitted.json.id;
        const done = await client.poll(`/formulas/${id}`, (r) => r.json?.status === 'processed');
        expect(done.json?.status === 'processed', `not processed: ${describe(done)}`);
        return `formula ${id} processed`;
      },
    },
    {
      service: 'formulas',
      name: 'the same make-up again is a 409',
      async run(client) {
        const twin = await client.call('POST', '/formulas', {
          body: { ...body, name: 'Smoke twin' },
          headers: { 'idempotency-key': randomUUID() },
        });
        ok(twin, 409, 'POST twin');
        expect(
          twin.json.code === 'duplicate_formula' && JSON.stringify(twin.json).includes(id),
          `409 does not name ${id}: ${describe(twin)}`,
        );
        return `names ${id}`;
      },
    },
  ];
};

const weather = (): Step[] => {
  const city = 'London';
  const csv = ['city', 'London', 'Paris', '  paris ', '12345', ''].join('\n');
  return [
    {
      service: 'weather',
      name: 'lookup, then a cache hit',
      async run(client) {
        const first = await client.call('GET', `/weather?city=${city}`);
        const second = await client.call('GET', `/weather?city=${city}`);
        ok(first, 200, 'first lookup');
        ok(second, 200, 'second lookup');
        expect(second.json.cached === true, `second lookup not cached: ${describe(second)}`);
        return `${second.json.city} ${second.json.temperature_c} °C (first cached: ${first.json.cached})`;
      },
    },
    {
      service: 'weather',
      name: 'bulk import to done, exact counters',
      apiKey: true,
      async run(client) {
        const created = await client.call('POST', '/bulk/import', { raw: { contentType: 'text/csv', text: csv } });
        ok(created, 202, 'POST /bulk/import');
        const job = await client.poll(
          `/bulk/jobs/${created.json.job_id}`,
          (r) => ['done', 'failed'].includes(r.json?.status),
          120_000,
        );
        const counters = {
          status: job.json.status,
          total: job.json.total,
          succeeded: job.json.succeeded,
          failed: job.json.failed,
          rejected_rows: job.json.rejected_rows,
        };
        // London and Paris (its second spelling deduplicated); "12345" rejected.
        const expected = { status: 'done', total: 2, succeeded: 2, failed: 0, rejected_rows: 1 };
        expect(
          JSON.stringify(counters) === JSON.stringify(expected),
          `counters ${JSON.stringify(counters)}, expected ${JSON.stringify(expected)}`,
        );
        return `job ${created.json.job_id}: ${JSON.stringify(counters)}`;
      },
    },
  ];
};

/** Every step, in the order they run. */
export const smokeSteps = (): Step[] => [...ui(), ...math(), ...mouse(), ...palettes(), ...formulas(), ...weather()];
