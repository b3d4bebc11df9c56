// The sandbox console's API over HTTP (/_sandbox/api, local/console): what each panel reads, the typed
// confirmation every purge, redrive and delete needs, and the guard against other sites and hosts.
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, GetQueueUrlCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '#local/index.ts';
import { ON_MOTO } from '../helpers/emulator.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox?.stop());

const API = '/_sandbox/api';

const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  const json = res.headers.get('content-type') === 'application/json' ? JSON.parse(text) : {};
  return { status: res.status, headers: res.headers, text, json: json as any };
};

/** The DLQ's URL, from the queue's own redrive policy. */
const dlqUrl = async (queue: string): Promise<string> => {
  const { Attributes } = await sandbox.clients.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: sandbox.queueUrl(queue), AttributeNames: ['RedrivePolicy'] }),
  );
  const arn = JSON.parse(Attributes!.RedrivePolicy!).deadLetterTargetArn as string;
  const { QueueUrl } = await sandbox.clients.sqs.send(new GetQueueUrlCommand({ QueueName: arn.split(':')[5] }));
  return QueueUrl!;
};

describe('Sandbox console: the page', () => {
  it("serves its page, script and styles under the app pages' Content-Security-Policy", async () => {
    const landing = await call('GET', '/');
    const page = await call('GET', '/_sandbox/');
    const script = await call('GET', '/_sandbox/main.js');
    const style = await call('GET', '/_sandbox/style.css');

    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toBe(landing.headers.get('content-security-policy'));
    expect(page.text).toContain('<script type="module" src="./main.js">');
    expect(page.text).not.toMatch(/<script>|<style>|style="/);
    expect([script.status, script.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect([style.status, style.headers.get('content-type')]).toEqual([200, 'text/css; charset=utf-8']);
  });

  it('redirects /_sandbox to the page, and answers an unknown path with a JSON 404', async () => {
    const bare = await fetch(`${sandbox.url}/_sandbox`, { redirect: 'manual' });
    const unknown = await call('GET', `${API}/nothing`);

    expect([bare.status, bare.headers.get('location')]).toEqual([302, '/_sandbox/']);
    expect(unknown.status).toBe(404);
    expect(unknown.json.code).toBe('not_found');
  });

  it('is not in the OpenAPI document', async () => {
    const doc = await call('GET', '/openapi.json');

    expect(doc.status).toBe(200);
    expect(Object.keys(doc.json.paths).filter((p) => p.startsWith('/_sandbox'))).toEqual([]);
  });

  it('refuses a change from another origin and any request naming another host', async () => {
    const crossSite = await call('DELETE', `${API}/faults/math-calculate`, undefined, {
      origin: 'https://evil.example',
    });
    // A DNS-rebinding page reaches the loopback address under its own name.
    const rebound = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${API}/faults`, sandbox.url);
      import('node:http').then(({ request }) =>
        request({ host: url.hostname, port: url.port, path: url.pathname, headers: { host: 'evil.example' } })
          .on('response', (res) => resolve(res.statusCode!))
          .on('error', reject)
          .end(),
      );
    });

    expect([crossSite.status, crossSite.json.code]).toEqual([403, 'forbidden']);
    expect(rebound).toBe(403);
  });
});

describe('Sandbox console: invocations and faults', () => {
  it('lists an HTTP invocation with its correlation id, start kind, event, result and log lines', async () => {
    const response = await fetch(`${sandbox.url}/difference?number=10`);
    const requestId = response.headers.get('apigw-requestid');

    const { json: list } = await call('GET', `${API}/invocations`);
    const listed = list.items.find((i: any) => i.correlationId === requestId);
    const { json: detail } = await call('GET', `${API}/invocations/${listed.requestId}`);

    expect(listed).toMatchObject({ function: 'math-calculate', source: 'http', verdict: 'success' });
    expect(typeof listed.cold).toBe('boolean');
    expect(list.next).toBe(sandbox.invocations.length);
    expect(detail.event.queryStringParameters).toEqual({ number: '10' });
    expect(detail.result.statusCode).toBe(200);
    expect(detail.logs.length).toBeGreaterThan(0);
    expect(detail.logs.every((line: string) => !line.includes('"correlation_id"') || line.includes(requestId!))).toBe(
      true,
    );
  });

  it("tells an HTTP function's 4xx answer (a handled error) from a crash", async () => {
    const refused = await fetch(`${sandbox.url}/difference?number=ten`);
    const requestId = refused.headers.get('apigw-requestid');

    const { json } = await call('GET', `${API}/invocations`);

    expect(refused.status).toBe(400);
    expect(json.items.find((i: any) => i.correlationId === requestId)).toMatchObject({
      outcome: 'success',
      verdict: 'handled-error',
    });
  });

  it('streams each new invocation as a server-sent event', async () => {
    const from = sandbox.invocations.length;
    const stream = await fetch(`${sandbox.url}${API}/invocations/stream?from=${from}`);
    const reader = stream.body!.getReader();
    await fetch(`${sandbox.url}/difference?number=12`);

    let text = '';
    while (!/^data: .*\n\n/m.test(text)) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();

    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    const event = /^data: (.*)$/m.exec(text)![1]!;
    expect(JSON.parse(event)).toMatchObject({ index: from, function: 'math-calculate' });
  });

  it('arms a fault that fails the next invocation, shows it active until used, and clears another', async () => {
    const armed = await call('POST', `${API}/faults`, { function: 'math-calculate', kind: 'throw', times: 1 });
    await call('POST', `${API}/faults`, { function: 'math-list-requests', kind: 'timeout' });
    const cleared = await call('DELETE', `${API}/faults/math-list-requests`);
    const failed = await fetch(`${sandbox.url}/difference?number=13`);
    const after = await call('GET', `${API}/faults`);
    const unknown = await call('POST', `${API}/faults`, { function: 'nobody', kind: 'throw' });

    expect(armed.json.active).toEqual([{ function: 'math-calculate', kind: 'throw', remaining: 1, matching: false }]);
    expect(cleared.json.active.map((f: any) => f.function)).toEqual(['math-calculate']);
    expect(failed.status).toBe(500);
    const { json: list } = await call('GET', `${API}/invocations`);
    expect(list.items.at(-1)).toMatchObject({ function: 'math-calculate', verdict: 'crash', injected: true });
    expect(after.json.active).toEqual([]);
    expect(unknown.status).toBe(404);
  });

  it('reads and sets the simulated weather provider switches', async () => {
    const set = await call('POST', `${API}/provider`, { set: { latencyMs: 5 } });
    const read = await call('GET', `${API}/provider`);
    await call('POST', `${API}/provider`, { reset: true });

    expect(set.json.switches.latencyMs).toBe(5);
    expect(read.json).toMatchObject({ switches: { latencyMs: 5, down: false }, scripted: 0 });
  });

  it('sums the EMF metrics the functions emitted', async () => {
    const { json } = await call('GET', `${API}/metrics`);

    expect(json.items).toEqual(sandbox.metrics());
  });
});

describe('Sandbox console: queues', () => {
  it('counts each queue and its DLQ, lists dead letters page by page, and purges only when the queue is named', async () => {
    const dlq = await dlqUrl('formulas');
    for (const body of ['{"dead":1}', '{"dead":2}'])
      await sandbox.clients.sqs.send(new SendMessageCommand({ QueueUrl: dlq, MessageBody: body }));

    const { json: queues } = await call('GET', `${API}/queues`);
    const { json: letters } = await call('GET', `${API}/queues/formulas/dlq?limit=1`);
    const { json: rest } = await call('GET', `${API}/queues/formulas/dlq?limit=1&cursor=${letters.cursor}`);
    const unconfirmed = await call('POST', `${API}/queues/formulas/purge`, { target: 'dlq' });
    const mistyped = await call('POST', `${API}/queues/formulas/purge`, { target: 'dlq', confirm: 'formula' });
    const redriveUnconfirmed = await call('POST', `${API}/queues/formulas/redrive`, {});
    const stillThere = await call('GET', `${API}/queues/formulas/dlq`);
    const purged = await call('POST', `${API}/queues/formulas/purge`, { target: 'dlq', confirm: 'formulas' });
    const { json: empty } = await call('GET', `${API}/queues/formulas/dlq`);

    const formulas = queues.items.find((q: any) => q.name === 'formulas');
    expect(formulas.counts).toMatchObject({ visible: 0, inFlight: 0, delayed: 0 });
    expect(formulas.dlq.counts.visible).toBe(2);
    // The oldest message's age comes from fauxqs's inspection API; moto has none (docs/sandbox-console.md).
    if (ON_MOTO) expect(formulas.dlq.counts.oldestAgeMs).toBeNull();
    else expect(formulas.dlq.counts.oldestAgeMs).toBeGreaterThanOrEqual(0);
    expect(letters.total).toBe(2);
    expect([...letters.items, ...rest.items].map((m: any) => m.body).sort()).toEqual(['{"dead":1}', '{"dead":2}']);
    expect(rest.cursor).toBeNull();
    expect(letters.items[0].attributes.ApproximateReceiveCount).toBeDefined();
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.json).toEqual({ detail: 'body.confirm: type "formulas" to confirm', code: 'validation_error' });
    expect(mistyped.json.detail).toBe('body.confirm: type "formulas" to confirm');
    expect(redriveUnconfirmed.status).toBe(400);
    expect(stillThere.json.items).toHaveLength(2);
    expect(purged.json).toEqual({ purged: 'formulas-dlq' });
    expect(empty.items).toEqual([]);
  });
});

describe('Sandbox console: tables and buckets', () => {
  it("describes each table's keys, indexes and count", async () => {
    const { json } = await call('GET', `${API}/tables`);

    expect(json.items.find((t: any) => t.name === 'formulas')).toMatchObject({
      partitionKey: { name: 'fingerprint', type: 'S' },
      indexes: [{ name: 'by-id' }, { name: 'by-created' }],
      stream: 'NEW_IMAGE',
    });
  });

  it('finds items by key page by page, and deletes one only when the table is named', async () => {
    for (const n of [21, 22, 23]) await fetch(`${sandbox.url}/difference?number=${n}`);
    const items = `${API}/tables/math-requests/items`;

    const first = await call('GET', `${items}?pk=difference&limit=2`);
    const second = await call('GET', `${items}?pk=difference&limit=2&cursor=${first.json.cursor}`);
    const item = first.json.items[0];
    const key = { calculation: item.calculation, input_key: item.input_key };
    const byKey = await call('GET', `${items}?pk=difference&sk=${encodeURIComponent(item.input_key)}`);
    const unconfirmed = await call('DELETE', items, { key });
    const wrongKey = await call('DELETE', items, { key: { calculation: 'difference' }, confirm: 'math-requests' });
    const deleted = await call('DELETE', items, { key, confirm: 'math-requests' });
    const gone = await call('GET', `${items}?pk=difference&sk=${encodeURIComponent(item.input_key)}`);
    const badCursor = await call('GET', `${items}?cursor=nonsense`);

    expect(first.json.items).toHaveLength(2);
    expect(first.json.cursor).toEqual(expect.any(String));
    expect(second.json.items.map((i: any) => i.input_key)).not.toContain(item.input_key);
    expect(byKey.json.items).toEqual([item]);
    expect(unconfirmed.status).toBe(400);
    expect(wrongKey.json.detail).toContain('key: exactly calculation and input_key');
    expect(deleted.json).toEqual({ deleted: true });
    expect(gone.json.items).toEqual([]);
    expect([badCursor.status, badCursor.json.code]).toEqual([400, 'invalid_cursor']);
  });

  it("lists a bucket's objects with size and time, and downloads one", async () => {
    const key = `console-test/${Date.now()}.csv`;
    await sandbox.clients.s3.send(
      new PutObjectCommand({ Bucket: sandbox.bucketName('weather-imports'), Key: key, Body: 'city\nParis\n' }),
    );

    const { json } = await call('GET', `${API}/buckets/weather-imports/objects?prefix=console-test/`);
    const download = await fetch(`${sandbox.url}${API}/buckets/weather-imports/download?key=${key}`);

    expect(json.items).toEqual([{ key, size: 11, lastModified: expect.any(String) }]);
    expect(download.headers.get('content-disposition')).toContain('attachment');
    expect(await download.text()).toBe('city\nParis\n');
  });
});
