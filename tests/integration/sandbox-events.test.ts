// The events the sandbox builds match what AWS sends: the Powertools parser schemas accept them and
// they carry the same fields as the documented examples under events/aws/.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import {
  APIGatewayProxyEventV2Schema,
  DynamoDBStreamRecord,
  S3Schema,
  SqsRecordSchema,
} from '@aws-lambda-powertools/parser/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '#local/index.ts';
import { conformanceApp, PROBE_QUEUE, UPLOADS_BUCKET } from '../fixtures/conformance/manifest.ts';
import { probeEntry, sendProbes, uniqueId } from '../helpers/conformance.ts';
import { motoDeviates } from '../helpers/emulator.ts';

const example = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../events/aws/${name}.json`, import.meta.url), 'utf8'));
const keysOf = (o: object): string[] => Object.keys(o).sort();

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, app: conformanceApp });
});
afterAll(() => sandbox?.stop());

interface Echo {
  event: Record<string, any>;
  context: { awsRequestId: string; functionName: string; remainingMs: number };
  initialisedAt: number;
  invocations: number;
}

/** A raw request, so repeated headers and cookies reach the server exactly as written. */
const rawRequest = (method: string, path: string, headers: [string, string][], body?: Buffer) =>
  new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>(
    (resolve, reject) => {
      const url = new URL(path, sandbox.url);
      // Array headers are sent verbatim (repeats kept), Host included.
      const raw = [['Host', url.host], ...headers].flat();
      const req = request({
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        headers: raw as unknown as Record<string, string>,
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    },
  );

describe('Sandbox: HTTP API payload 2.0 events', () => {
  it('builds an event the Powertools schema accepts, with the documented fields', async () => {
    const res = await rawRequest('GET', '/echo/a%20b?x=1&x=2&y=', [
      ['X-Multi', 'one'],
      ['X-Multi', 'two'],
      ['Cookie', 'c1=v1; c2=v2'],
    ]);
    const { event } = JSON.parse(res.body) as Echo;
    expect(APIGatewayProxyEventV2Schema.safeParse(event).success).toBe(true);
    expect(event.headers['x-multi']).toBe('one,two');
    expect(Object.keys(event.headers).every((h) => h === h.toLowerCase())).toBe(true);
    expect(event.cookies).toEqual(['c1=v1', 'c2=v2']);
    expect(event.headers.cookie).toBeUndefined();
    expect(event.rawPath).toBe('/echo/a%20b');
    expect(event.rawQueryString).toBe('x=1&x=2&y=');
    expect(event.queryStringParameters).toEqual({ x: '1,2', y: '' });
    expect(event.pathParameters).toEqual({ id: 'a b' });
    expect(event.routeKey).toBe('GET /echo/{id}');
    expect(event.requestContext.routeKey).toBe('GET /echo/{id}');
    expect(Math.abs(event.requestContext.timeEpoch - Date.now())).toBeLessThan(10_000);
    const documented = example('http-api-v2');
    // stageVariables only exist when the stage defines some (the sandbox's $default stage has none),
    // body when there is one.
    for (const key of keysOf(documented).filter((k) => k !== 'stageVariables' && k !== 'body'))
      expect(event).toHaveProperty(key);
    expect(keysOf(event.requestContext)).toEqual(keysOf(documented.requestContext));
    expect(keysOf(event.requestContext.http)).toEqual(keysOf(documented.requestContext.http));
  });

  it('gives every request its own requestId', async () => {
    const ids = await Promise.all(
      Array.from(
        { length: 5 },
        async () => ((await (await fetch(`${sandbox.url}/echo/x`)).json()) as Echo).event.requestContext.requestId,
      ),
    );
    expect(new Set(ids).size).toBe(5);
  });

  it('passes text bodies as text and binary bodies base64-encoded', async () => {
    const json = (await (
      await fetch(`${sandbox.url}/echo/x`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"a":1}',
      })
    ).json()) as Echo;
    expect(json.event.body).toBe('{"a":1}');
    expect(json.event.isBase64Encoded).toBe(false);
    const bytes = Buffer.from([0, 255, 1, 254]);
    const bin = (await (
      await fetch(`${sandbox.url}/echo/x`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: bytes,
      })
    ).json()) as Echo;
    expect(bin.event.isBase64Encoded).toBe(true);
    expect(Buffer.from(bin.event.body, 'base64')).toEqual(bytes);
  });

  it('prefers a literal route over a parameterised one', async () => {
    const echo = (await (await fetch(`${sandbox.url}/echo/fixed`)).json()) as Echo;
    expect(echo.event.routeKey).toBe('GET /echo/fixed');
  });

  it('maps a structured result back: status, headers and cookies', async () => {
    const res = await fetch(`${sandbox.url}/respond`);
    expect(res.status).toBe(201);
    expect(res.headers.get('x-custom')).toBe('yes');
    expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2']);
    expect(await res.text()).toBe('created');
  });

  it('turns a plain object result into a 200 JSON response', async () => {
    const res = await fetch(`${sandbox.url}/echo/plain`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
  });

  it('answers unknown routes and methods like API Gateway when the app has no $default route', async () => {
    const res = await fetch(`${sandbox.url}/nowhere`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ message: 'Not Found' });
    expect((await fetch(`${sandbox.url}/respond`, { method: 'DELETE' })).status).toBe(404);
  });

  // Regression: these were 500s (URIError in the route matching and the static-file lookup).
  it.each(['/%', '/echo/%zz', '/echo/%E0%A4%A', '/echo/%ED%A0%80'])(
    'refuses %s, a path that does not decode, with 400 before routing',
    async (path) => {
      const res = await fetch(`${sandbox.url}${path}`);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ message: 'Bad Request' });
    },
  );

  it('answers CORS preflights itself', async () => {
    const res = await fetch(`${sandbox.url}/echo/x`, {
      method: 'OPTIONS',
      headers: { origin: 'http://x.test', 'access-control-request-method': 'POST' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('Sandbox: SQS, DynamoDB stream and S3 events', () => {
  it('delivers SQS records with string attributes and ApproximateReceiveCount', async () => {
    const id = uniqueId('sqs-shape');
    await sendProbes(sandbox, PROBE_QUEUE, [{ id }]);
    await sandbox.idle();
    const record = JSON.parse((await probeEntry(sandbox, id))!.payload);
    expect(SqsRecordSchema.safeParse(record).success).toBe(true);
    expect(record.attributes.ApproximateReceiveCount).toBe('1');
    expect(Object.values(record.attributes).every((v) => typeof v === 'string')).toBe(true);
    expect(keysOf(record)).toEqual(keysOf(example('sqs').Records[0]));
  });

  it('delivers stream records with eventName, keys, images and sequence numbers', async () => {
    const id = uniqueId('stream-shape');
    await sandbox.clients.dynamo.send(
      new PutCommand({ TableName: sandbox.tableName('probe-source'), Item: { id, n: 1 } }),
    );
    await sandbox.clients.dynamo.send(
      new PutCommand({ TableName: sandbox.tableName('probe-source'), Item: { id, n: 2 } }),
    );
    await sandbox.idle();
    const insert = JSON.parse((await probeEntry(sandbox, `stream:${id}:INSERT`))!.payload);
    const modify = JSON.parse((await probeEntry(sandbox, `stream:${id}:MODIFY`))!.payload);
    expect(DynamoDBStreamRecord.safeParse(insert).success).toBe(true);
    expect(insert.dynamodb.Keys).toEqual({ id: { S: id } });
    expect(insert.dynamodb.NewImage.n).toEqual({ N: '1' });
    expect(modify.dynamodb.OldImage.n).toEqual({ N: '1' });
    expect(BigInt(modify.dynamodb.SequenceNumber)).toBeGreaterThan(BigInt(insert.dynamodb.SequenceNumber));
    expect(keysOf(insert)).toEqual(keysOf(example('dynamodb-stream').Records[0]));
    expect(keysOf(insert.dynamodb).filter((k) => k !== 'OldImage')).toEqual(
      keysOf(example('dynamodb-stream').Records[0].dynamodb),
    );
  });

  it.skipIf(
    motoDeviates(
      "moto's ObjectCreated record has no userIdentity, requestParameters, responseElements or object.sequencer, and encodes '/' in the key as %2F",
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html',
    ),
  )('notifies the queue of uploads with URL-encoded keys', async () => {
    const key = `in/${uniqueId('my file')}+v1.csv`;
    await sandbox.clients.s3.send(
      new PutObjectCommand({ Bucket: sandbox.bucketName(UPLOADS_BUCKET), Key: key, Body: 'a,b\n' }),
    );
    await sandbox.clients.s3.send(
      new PutObjectCommand({ Bucket: sandbox.bucketName(UPLOADS_BUCKET), Key: 'elsewhere/x.csv', Body: 'a' }),
    );
    await sandbox.idle();
    const { Items } = await sandbox.clients.dynamo.send(new ScanCommand({ TableName: sandbox.tableName('probe-log') }));
    // S3 also sends one s3:TestEvent (no Records) when the notification is configured; only uploads count here.
    const events = (Items ?? [])
      .filter((i) => String(i.id).startsWith('s3:'))
      .map((i) => JSON.parse(JSON.parse(i.payload as string).body))
      .filter((e) => e.Event !== 's3:TestEvent');
    expect(events).toHaveLength(1);
    expect(S3Schema.safeParse(events[0]).success).toBe(true);
    const object = events[0].Records[0].s3.object;
    expect(object.key).toBe(key.replaceAll(' ', '+').replace('+v1', '%2Bv1'));
    expect(decodeURIComponent(object.key.replaceAll('+', ' '))).toBe(key);
    expect(object.size).toBe(4);
    expect(keysOf(events[0].Records[0])).toEqual(keysOf(example('s3').Records[0]));
  });
});
