// Palettes over HTTP against the sandbox: accounts, teams shared by membership, isolation between
// users (404, never 403), token expiry and revocation, and concurrent sign-ups for one name.
import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '#shared/auth/user.ts';
import { USER_SESSIONS_TABLE } from '#model/constants.ts';
import { startSandbox, type Sandbox } from '#local/index.ts';

let sandbox: Sandbox;

interface Reply {
  readonly status: number;
  readonly json: Record<string, any>;
}

const call = async (method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<Reply> => {
  const res = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, any>) : {} };
};

interface Account {
  readonly username: string;
  readonly token: string;
  readonly userId: string;
  readonly personalTeamId: string;
}

const password = 'correct horse battery';
const uniqueName = (prefix: string): string => `${prefix}_${randomUUID().slice(0, 8)}`;

const signUp = async (prefix: string): Promise<Account> => {
  const username = uniqueName(prefix);
  const registered = await call('POST', '/auth/register', { body: { username, password } });
  expect(registered.status).toBe(201);
  const login = await call('POST', '/auth/login', { body: { username, password } });
  expect(login.status).toBe(200);
  return {
    username,
    token: login.json.token,
    userId: registered.json.id,
    personalTeamId: registered.json.personal_team_id,
  };
};

/** A sign-up as a well-behaved client makes it: a 503 says "retry after Retry-After seconds". */
const registerRetrying = async (body: unknown): Promise<Reply> => {
  for (let attempt = 1; ; attempt++) {
    const reply = await call('POST', '/auth/register', { body });
    if (reply.status !== 503 || attempt === 5) return reply;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
};

beforeAll(async () => {
  // Unthrottled: 100 concurrent sign-ups of one name go far past /auth/register's burst of 10; the
  // throttles themselves are tested in sandbox-throttle.test.ts.
  sandbox = await startSandbox({ port: 0, throttles: false });
});

afterAll(async () => {
  await sandbox?.stop();
});

describe('Accounts', () => {
  it('registers, signs in, answers /me and revokes the token on logout', async () => {
    const username = uniqueName('Ada');
    const registered = await call('POST', '/auth/register', { body: { username, password } });
    expect(registered.status).toBe(201);
    expect(registered.json).toEqual({
      id: expect.any(String),
      username,
      personal_team_id: expect.any(String),
      created_at: expect.any(String),
    });

    const login = await call('POST', '/auth/login', { body: { username: username.toUpperCase(), password } });
    expect(login.status).toBe(200);
    expect(login.json).toMatchObject({ token_type: 'Bearer', user: registered.json });
    expect(login.json.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(login.json.expires_at)).toBeGreaterThan(Date.now());
    const token = login.json.token as string;

    expect(await call('GET', '/me', { token })).toEqual({ status: 200, json: registered.json });
    const personal = await call('GET', `/teams/${registered.json.personal_team_id}`, { token });
    expect(personal.json).toMatchObject({ personal: true, member_count: 1 });

    expect((await call('POST', '/auth/logout', { token })).status).toBe(204);
    const after = await call('GET', '/me', { token });
    expect(after.status).toBe(401);
    expect(after.json.code).toBe('invalid_token');
  });

  it('refuses a username that differs only in case with 409', async () => {
    const username = uniqueName('grace');
    expect((await call('POST', '/auth/register', { body: { username, password } })).status).toBe(201);

    const clash = await call('POST', '/auth/register', { body: { username: username.toUpperCase(), password } });

    expect(clash.status).toBe(409);
    expect(clash.json.code).toBe('username_taken');
  });

  it('answers an unknown user and a wrong password with the same 401, after similar work', async () => {
    const { username } = await signUp('linus');

    const timed = async (body: unknown) => {
      const started = performance.now();
      const reply = await call('POST', '/auth/login', { body });
      return { reply, ms: performance.now() - started };
    };
    const wrongPassword: Awaited<ReturnType<typeof timed>>[] = [];
    const unknownUser: Awaited<ReturnType<typeof timed>>[] = [];
    for (let i = 0; i < 3; i++) {
      wrongPassword.push(await timed({ username, password: 'not the password' }));
      unknownUser.push(await timed({ username: uniqueName('nobody'), password }));
    }

    expect(wrongPassword[0]!.reply.status).toBe(401);
    for (const attempt of [...wrongPassword, ...unknownUser]) expect(attempt.reply).toEqual(wrongPassword[0]!.reply);
    // Both run one scrypt; without the dummy hash an unknown user would answer in a fraction of the time.
    const median = (runs: { ms: number }[]) => runs.map((r) => r.ms).sort((x, y) => x - y)[1]!;
    expect(median(unknownUser)).toBeGreaterThan(median(wrongPassword) * 0.5);
  });

  it('answers 401 without a token, with a malformed one and with an expired one', async () => {
    const { userId, username } = await signUp('expired');
    const token = randomUUID().replaceAll('-', '').padEnd(43, 'x');
    // A session whose expiry has passed but that TTL has not yet removed, as DynamoDB leaves them.
    await sandbox.clients.dynamo.send(
      new PutCommand({
        TableName: sandbox.tableName(USER_SESSIONS_TABLE),
        Item: {
          token_hash: hashToken(token),
          user_id: userId,
          username,
          expires_at: Math.floor(Date.now() / 1000) - 1,
          created_at: new Date().toISOString(),
        },
      }),
    );

    const missing = await call('GET', '/me');
    const malformed = await call('GET', '/me', { token: 'abc' });
    const expired = await call('GET', '/me', { token });

    expect([missing.status, malformed.status, expired.status]).toEqual([401, 401, 401]);
    expect(expired.json.code).toBe('token_expired');
  });

  it('gives exactly one of 100 concurrent registrations of a name a 201, the others 409', async () => {
    const username = uniqueName('race');
    // Start the function's environments first with cheap 400s, so the race exercises the conditional
    // write rather than ten cold starts at once on a shared two-core machine.
    await Promise.all(Array.from({ length: 10 }, () => call('POST', '/auth/register', { body: {} })));
    const started = Date.now();

    const replies = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        registerRetrying({ username: i % 2 ? username : username.toUpperCase(), password }),
      ),
    );

    const counts: Record<number, number> = {};
    for (const { status } of replies) counts[status] = (counts[status] ?? 0) + 1;
    expect(counts).toEqual({ 201: 1, 409: 99 });
    const failed = sandbox.invocations.filter(
      (i) => i.origin === 'POST /auth/register' && i.startedAt >= started && i.outcome !== 'success',
    );
    expect(failed).toEqual([]);
  });
});

describe('Teams and palettes between two users', () => {
  let a: Account;
  let b: Account;

  beforeAll(async () => {
    [a, b] = await Promise.all([signUp('alice'), signUp('bob')]);
  });

  it('keeps A’s palette from B (404 for read, change, delete and copy) until B joins the team, and again after B leaves', async () => {
    // A creates a team and a palette in it.
    const team = await call('POST', '/teams', { token: a.token, body: { name: 'Design' } });
    expect(team.status).toBe(201);
    expect(team.json).toMatchObject({ name: 'Design', personal: false, member_count: 1 });
    const teamId = team.json.id as string;
    const created = await call('POST', `/teams/${teamId}/palettes`, {
      token: a.token,
      body: { name: 'Sea', colors: ['#ABC', '#1E90ff'] },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      team_id: teamId,
      name: 'Sea',
      colors: ['#aabbcc', '#1e90ff'],
      created_by: a.userId,
    });
    const paletteId = created.json.id as string;

    // B sees none of it, exactly as if it did not exist.
    const missingTeam = await call('GET', `/teams/${randomUUID()}`, { token: b.token });
    const missingPalette = await call('GET', `/palettes/${randomUUID()}`, { token: b.token });
    const forB = [
      await call('GET', `/teams/${teamId}`, { token: b.token }),
      await call('PATCH', `/teams/${teamId}`, { token: b.token, body: { name: 'Mine' } }),
      await call('POST', `/teams/${teamId}/palettes`, { token: b.token, body: { name: 'X', colors: ['#000'] } }),
      await call('GET', `/palettes?team=${teamId}`, { token: b.token }),
      await call('DELETE', `/teams/${teamId}`, { token: b.token }),
    ];
    expect(forB.map((r) => r.status)).toEqual([404, 404, 404, 404, 404]);
    expect(forB[0]!.json.code).toBe(missingTeam.json.code);
    const onPalette = [
      await call('GET', `/palettes/${paletteId}`, { token: b.token }),
      await call('PATCH', `/palettes/${paletteId}`, { token: b.token, body: { name: 'Mine' } }),
      await call('DELETE', `/palettes/${paletteId}`, { token: b.token }),
      await call('POST', `/palettes/${paletteId}/copy`, { token: b.token, body: { team: b.personalTeamId } }),
    ];
    expect(onPalette.map((r) => r.status)).toEqual([404, 404, 404, 404]);
    expect(onPalette[0]!.json.code).toBe(missingPalette.json.code);
    expect((await call('GET', '/palettes', { token: b.token })).json.items).toEqual([]);
    expect((await call('GET', '/teams', { token: b.token })).json.items.map((t: { id: string }) => t.id)).toEqual([
      b.personalTeamId,
    ]);
    // Someone else's personal team cannot be joined, and looks missing.
    expect((await call('PUT', `/teams/${a.personalTeamId}/members/me`, { token: b.token })).status).toBe(404);

    // B joins (twice: idempotent) and can now read, change and copy.
    expect((await call('PUT', `/teams/${teamId}/members/me`, { token: b.token })).json).toMatchObject({
      id: teamId,
      member_count: 2,
    });
    expect((await call('PUT', `/teams/${teamId}/members/me`, { token: b.token })).json).toMatchObject({
      id: teamId,
      member_count: 2,
    });
    expect((await call('GET', `/palettes/${paletteId}`, { token: b.token })).json).toEqual(created.json);
    const renamed = await call('PATCH', `/palettes/${paletteId}`, {
      token: b.token,
      body: { name: 'Deep sea', colors: ['#001F3F'] },
    });
    expect(renamed.json).toMatchObject({ id: paletteId, name: 'Deep sea', colors: ['#001f3f'] });
    const copy = await call('POST', `/palettes/${paletteId}/copy`, {
      token: b.token,
      body: { team: b.personalTeamId },
    });
    expect(copy.status).toBe(201);
    expect(copy.json).toMatchObject({
      team_id: b.personalTeamId,
      name: 'Deep sea',
      colors: ['#001f3f'],
      created_by: b.userId,
    });
    expect((await call('GET', `/palettes/${copy.json.id}`, { token: a.token })).status).toBe(404);
    const teamsOfB = (await call('GET', '/teams', { token: b.token })).json.items.map((t: { id: string }) => t.id);
    expect(teamsOfB.sort()).toEqual([b.personalTeamId, teamId].sort());

    // B leaves: 404 again; the team lives on with A.
    expect((await call('DELETE', `/teams/${teamId}/members/me`, { token: b.token })).status).toBe(204);
    expect((await call('GET', `/palettes/${paletteId}`, { token: b.token })).status).toBe(404);
    expect((await call('GET', `/teams/${teamId}`, { token: a.token })).json).toMatchObject({ member_count: 1 });
  });

  /** The ids of every item of a listing, following cursors; each page holds at most its limit. */
  const idsPageByPage = async (path: string, token: string): Promise<string[]> => {
    const limit = Number(new URL(path, sandbox.url).searchParams.get('limit'));
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = await call('GET', `${path}${query}`, { token });
      expect(page.status).toBe(200);
      expect(page.json.items.length).toBeLessThanOrEqual(limit);
      ids.push(...page.json.items.map((item: { id: string }) => item.id));
      cursor = page.json.next_cursor;
    } while (cursor);
    return ids;
  };

  it('lists the palettes of all my teams and my teams page by page, and the palettes of one team with ?team=', async () => {
    const team = (await call('POST', '/teams', { token: a.token, body: { name: 'Paging' } })).json.id as string;
    const names = ['p1', 'p2', 'p3', 'p4', 'p5'];
    for (const [i, name] of names.entries()) {
      const target = i % 2 ? team : a.personalTeamId;
      expect(
        (await call('POST', `/teams/${target}/palettes`, { token: a.token, body: { name, colors: ['#fff'] } })).status,
      ).toBe(201);
    }
    const all = await call('GET', '/palettes?limit=100', { token: a.token });

    const seen = await idsPageByPage('/palettes?limit=2', a.token);

    expect(seen).toEqual(all.json.items.map((p: { id: string }) => p.id));
    const teams = (await call('GET', '/teams?limit=100', { token: a.token })).json.items.map(
      (t: { id: string }) => t.id,
    );
    expect(await idsPageByPage('/teams?limit=1', a.token)).toEqual(teams);
    expect(teams).toEqual(expect.arrayContaining([a.personalTeamId, team]));
    expect(all.json.items.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(names));
    const ofTeam = await call('GET', `/palettes?team=${team}`, { token: a.token });
    expect(ofTeam.json.items.map((p: { name: string }) => p.name).sort()).toEqual(['p2', 'p4']);
    const replayed = await call(
      'GET',
      `/palettes?team=${team}&cursor=${encodeURIComponent(String(all.json.next_cursor ?? 'x.y'))}`,
      { token: a.token },
    );
    expect(replayed.status).toBe(400);
  });

  it('deletes a team with its palettes, refuses to delete or leave a personal team, and removes a team its last member leaves', async () => {
    const doomed = (await call('POST', '/teams', { token: a.token, body: { name: 'Doomed' } })).json.id as string;
    const palette = (
      await call('POST', `/teams/${doomed}/palettes`, { token: a.token, body: { name: 'Gone', colors: ['#123'] } })
    ).json.id as string;
    expect((await call('DELETE', `/teams/${doomed}`, { token: a.token })).status).toBe(204);
    expect((await call('GET', `/teams/${doomed}`, { token: a.token })).status).toBe(404);
    expect((await call('GET', `/palettes/${palette}`, { token: a.token })).status).toBe(404);

    const personalDelete = await call('DELETE', `/teams/${a.personalTeamId}`, { token: a.token });
    const personalLeave = await call('DELETE', `/teams/${a.personalTeamId}/members/me`, { token: a.token });
    expect([personalDelete.json.code, personalLeave.json.code]).toEqual(['personal_team', 'personal_team']);
    expect(personalLeave.status).toBe(409);

    const shortLived = (await call('POST', '/teams', { token: b.token, body: { name: 'Short' } })).json.id as string;
    const orphan = (
      await call('POST', `/teams/${shortLived}/palettes`, { token: b.token, body: { name: 'O', colors: ['#000'] } })
    ).json.id as string;
    expect((await call('DELETE', `/teams/${shortLived}/members/me`, { token: b.token })).status).toBe(204);
    // The last member left: the team is gone, so nobody can join it back into life.
    expect((await call('PUT', `/teams/${shortLived}/members/me`, { token: a.token })).status).toBe(404);
    expect((await call('PUT', `/teams/${shortLived}/members/me`, { token: b.token })).status).toBe(404);
    expect((await call('GET', `/palettes/${orphan}`, { token: b.token })).status).toBe(404);
  });

  it('answers bad colours, empty names and over-long lists with 400 naming each field', async () => {
    const create = (body: unknown) => call('POST', `/teams/${a.personalTeamId}/palettes`, { token: a.token, body });

    const badColour = await create({ name: 'Bad', colors: ['#fff', 'red', '#12345g'] });
    const emptyName = await create({ name: '   ', colors: ['#fff'] });
    const tooMany = await create({ name: 'Long', colors: Array.from({ length: 21 }, () => '#000000') });
    const noColours = await create({ name: 'None', colors: [] });
    const badTeam = await call('GET', '/teams/not-a-uuid', { token: a.token });

    expect([badColour.status, emptyName.status, tooMany.status, noColours.status, badTeam.status]).toEqual([
      400, 400, 400, 400, 400,
    ]);
    expect(badColour.json.detail).toContain('body.colors.1');
    expect(badColour.json.detail).toContain('body.colors.2');
    expect(badColour.json.detail).not.toContain('body.colors.0');
    expect(emptyName.json.detail).toContain('body.name');
    expect(tooMany.json.detail).toContain('body.colors');
    expect(badTeam.json.detail).toContain('path.id');
    const badSignUp = await call('POST', '/auth/register', { body: { username: 'a b', password: 'short' } });
    expect(badSignUp.json.detail).toMatch(/body\.username.*body\.password|body\.password.*body\.username/);
  });
});

describe('GET /openapi.json', () => {
  it('serves the OpenAPI 3.1 document of every route, palettes and the other services alike', async () => {
    const { status, json } = await call('GET', '/openapi.json');

    expect(status).toBe(200);
    expect(json.openapi).toBe('3.1.0');
    expect(Object.keys(json.paths)).toEqual(
      expect.arrayContaining(['/auth/register', '/palettes/{id}/copy', '/difference', '/formulas']),
    );
  });

  it('serves the /docs page with Swagger UI from this origin, not a CDN', async () => {
    const page = await fetch(`${sandbox.url}/docs/`);
    const html = await page.text();
    const bundle = await fetch(`${sandbox.url}/docs/swagger-ui-bundle.js`);

    expect(page.status).toBe(200);
    expect(html).toContain('src="./swagger-ui-bundle.js"');
    expect(html).not.toMatch(/src="https?:/);
    expect(bundle.status).toBe(200);
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
  });

  it('serves the Palettes page and its script, which share the /palettes/ prefix with the API', async () => {
    const page = await fetch(`${sandbox.url}/palettes/`);
    const script = await fetch(`${sandbox.url}/palettes/main.js`);

    expect(page.status).toBe(200);
    expect(await page.text()).toContain('src="./main.js"');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
  });
});
