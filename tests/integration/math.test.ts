// The math service over HTTP against the sandbox: the real handlers, DynamoDB Local, API Gateway v2 events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '#local/index.ts';
import { motoDeviates } from '../helpers/emulator.ts';

const MOTO_LOSES_CONCURRENT_UPDATES = [
  'moto runs concurrent UpdateItem ADDs on one item without isolation: two of them read the same old value and one increment is lost',
  'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithItems.html#WorkingWithItems.AtomicCounters',
] as const;

let sandbox: Sandbox;

const get = async (path: string) => {
  const response = await fetch(`${sandbox.url}${path}`);
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: (await response.json()) as Record<string, unknown>,
  };
};

interface Row {
  input: Record<string, unknown>;
  value: unknown;
  occurrences: number;
  last_datetime: string;
}

/** Every row of a listing, page by page, with the size of each page. */
const listAll = async (name: string, limit: number) => {
  const rows: Row[] = [];
  const sizes: number[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const { status, body } = await get(`/calculations/${name}/requests?limit=${limit}${query}`);
    expect(status).toBe(200);
    const page = body as unknown as { items: Row[]; next_cursor: string | null };
    rows.push(...page.items);
    sizes.push(page.items.length);
    cursor = page.next_cursor;
  } while (cursor);
  return { rows, sizes };
};

beforeAll(async () => {
  // Unthrottled: the exact-count test fires 200 requests at once, past the stage's burst of 100.
  sandbox = await startSandbox({ port: 0, throttles: false });
});

afterAll(async () => {
  await sandbox?.stop();
});

describe('GET /difference', () => {
  it('answers n = 10 with value 2640 and the tracking fields, first time', async () => {
    const { status, type, body } = await get('/difference?number=10');

    expect(status).toBe(200);
    expect(type).toContain('application/json');
    expect(body).toEqual({
      datetime: expect.any(String),
      value: 2640,
      number: 10,
      occurrences: 1,
      last_datetime: null,
    });
    expect(new Date(String(body.datetime)).toISOString()).toBe(body.datetime);
  });

  it("returns the previous request's datetime as last_datetime and counts on", async () => {
    // Act
    const first = await get('/difference?number=11');
    const second = await get('/difference?number=11');
    const third = await get('/difference?number=11');

    // Assess
    expect([first.body.occurrences, second.body.occurrences, third.body.occurrences]).toEqual([1, 2, 3]);
    expect(second.body.last_datetime).toBe(first.body.datetime);
    expect(third.body.last_datetime).toBe(second.body.datetime);
  });

  it.each([
    ['abc', '?number=abc'],
    ['0', '?number=0'],
    ['101', '?number=101'],
    ['1.5', '?number=1.5'],
    ['1e2', '?number=1e2'],
    ['" 10"', '?number=%2010'],
    ['missing', ''],
  ])('answers 400 JSON naming the field for number=%s', async (_, query) => {
    const { status, type, body } = await get(`/difference${query}`);

    expect(status).toBe(400);
    expect(type).toContain('application/json');
    expect(body).toEqual({ code: 'validation_error', detail: expect.stringMatching(/^query\.number: /) });
  });

  it.skipIf(motoDeviates(...MOTO_LOSES_CONCURRENT_UPDATES))(
    'counts 200 parallel requests for one n exactly, each with its own occurrences',
    async () => {
      // Prepare: start every execution environment first, so that the burst measures counting rather
      // than cold starts racing the function timeout on a busy machine.
      await Promise.all(Array.from({ length: 20 }, () => get('/difference?number=76')));

      const before = sandbox.invocations.length;

      // Act
      const responses = await Promise.all(Array.from({ length: 200 }, () => get('/difference?number=77')));

      // Assess
      const failed = sandbox.invocations.slice(before).filter((i) => i.outcome !== 'success');
      expect(failed.map((i) => i.error)).toEqual([]);
      expect(responses.filter((r) => r.status !== 200)).toEqual([]);
      const counts = responses.map((r) => r.body.occurrences as number).sort((a, b) => a - b);
      expect(counts).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
      expect(responses.filter((r) => r.body.last_datetime === null)).toHaveLength(1);
      const after = await get('/difference?number=77');
      expect(after.body.occurrences).toBe(201);
    },
  );
});

describe('GET /triplet', () => {
  it('confirms (3, 4, 5) with its product', async () => {
    const { status, body } = await get('/triplet?a=3&b=4&c=5');

    expect(status).toBe(200);
    expect(body).toMatchObject({
      a: 3,
      b: 4,
      c: 5,
      value: { is_triplet: true, triplet: [3, 4, 5], product: 60 },
      occurrences: 1,
      last_datetime: null,
    });
  });

  it('confirms the sides in another order, reported as a < b < c', async () => {
    const { body } = await get('/triplet?a=5&b=4&c=3');

    expect(body.value).toMatchObject({ is_triplet: true, triplet: [3, 4, 5], product: 60 });
  });

  it('denies (3, 4, 6)', async () => {
    const { body } = await get('/triplet?a=3&b=4&c=6');

    expect(body.value).toEqual({ is_triplet: false, triplet: null, product: null, triplets: [] });
  });

  it('finds (200, 375, 425) and product 31875000 for sum 1000, and tracks it', async () => {
    const first = await get('/triplet?sum=1000');
    const second = await get('/triplet?sum=1000');

    expect(first.body).toMatchObject({
      sum: 1000,
      value: { triplet: [200, 375, 425], product: 31875000 },
      occurrences: 1,
    });
    expect(second.body).toMatchObject({ occurrences: 2, last_datetime: first.body.datetime });
  });

  it.each([
    ['a side that is not a number', '?a=x&b=4&c=5', /^query\.a: /],
    ['c above 1000', '?a=3&b=4&c=1001', /^query\.c: /],
    ['a missing side', '?a=3&b=4', /a, b and c, or sum/],
    ['both forms at once', '?a=3&b=4&c=5&sum=12', /a, b and c, or sum/],
    ['no query', '', /a, b and c, or sum/],
  ])('answers 400 JSON for %s', async (_, query, detail) => {
    const { status, body } = await get(`/triplet${query}`);

    expect(status).toBe(400);
    expect(body).toEqual({ code: 'validation_error', detail: expect.stringMatching(detail) });
  });
});

describe('GET /calculations/{name}/requests', () => {
  // Counts on the 200 parallel requests above (occurrences 201 for n = 77).
  it.skipIf(motoDeviates(...MOTO_LOSES_CONCURRENT_UPDATES))(
    'lists every requested n once, in numeric order, across pages',
    async () => {
      // Prepare
      for (const n of [3, 100, 42, 9]) await get(`/difference?number=${n}`);

      // Act
      const { rows, sizes } = await listAll('difference', 2);

      // Assess
      expect(rows.map((r) => r.input.number)).toEqual([3, 9, 10, 11, 42, 76, 77, 100]);
      expect(sizes.every((size) => size <= 2)).toBe(true);
      expect(sizes.length).toBeGreaterThanOrEqual(4);
      expect(rows.find((r) => r.input.number === 77)).toMatchObject({ value: 8862854, occurrences: 201 });
    },
  );

  it('answers 400 for a tampered cursor', async () => {
    const { body } = await get('/calculations/difference/requests?limit=1');
    const [payload, signature] = String(body.next_cursor).split('.');
    const forged = `${Buffer.from(JSON.stringify({ calculation: 'difference', input_key: '050' })).toString('base64url')}.${signature}`;

    const response = await get(`/calculations/difference/requests?cursor=${encodeURIComponent(forged)}`);

    expect(payload).toBeTruthy();
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'invalid_cursor' });
  });

  it('answers 404 for an unknown calculation', async () => {
    const { status, body } = await get('/calculations/factorial/requests');

    expect(status).toBe(404);
    expect(body).toMatchObject({ code: 'unknown_calculation' });
  });
});
