// The sandbox's rule tables in isolation: route selection, Lambda's batch-response rules, S3 key
// encoding and payload 2.0 response mapping.
import { describe, expect, it } from 'vitest';
import type { RouteDef } from '#model/manifest.ts';
import { fromHandlerResult } from '#local/http/api-event.ts';
import { createRouter } from '#local/http/router.ts';
import { Invoker, parseBatchResponse } from '#local/invoker.ts';
import { Faults } from '#local/faults.ts';
import type { FunctionPool } from '#local/runtime/function-pool.ts';
import { LAMBDA_SYNC_PAYLOAD_BYTES, MAX_SYNC_BODY_BYTES } from '#model/constants.ts';
import { encodeS3Key } from '#local/event-sources/s3-notifications.ts';

const route = (method: RouteDef['method'], path: string): RouteDef => ({
  method,
  path,
  function: 'f',
  contract: { auth: 'public', summary: '' },
});

describe('Function: createRouter()', () => {
  const router = createRouter([
    route('GET', '/teams/{id}'),
    route('GET', '/teams/mine'),
    route('GET', '/files/{path+}'),
    route('POST', '/teams'),
  ]);

  it('prefers literal segments over parameters', () => {
    expect(router.match('GET', '/teams/mine')).toMatchObject({ routeKey: 'GET /teams/mine' });
    expect(router.match('GET', '/teams/t1')).toMatchObject({
      routeKey: 'GET /teams/{id}',
      pathParameters: { id: 't1' },
    });
  });

  it('decodes parameters and lets a greedy parameter take the rest of the path', () => {
    expect(router.match('GET', '/teams/a%20b')).toMatchObject({ pathParameters: { id: 'a b' } });
    expect(router.match('GET', '/files/a/b/c.txt')).toMatchObject({ pathParameters: { path: 'a/b/c.txt' } });
  });

  it('matches nothing for an unknown path or another method (both are left to $default)', () => {
    expect(router.match('GET', '/nowhere')).toBeUndefined();
    expect(router.match('DELETE', '/teams')).toBeUndefined();
    expect(router.match('GET', '/teams/')).toBeUndefined();
  });
});

describe('Function: parseBatchResponse()', () => {
  const ids = new Set(['a', 'b']);

  it('treats no response, null and an empty list as full success', () => {
    expect(parseBatchResponse(undefined, ids)).toEqual(new Set());
    expect(parseBatchResponse({ batchItemFailures: null }, ids)).toEqual(new Set());
    expect(parseBatchResponse({ batchItemFailures: [] }, ids)).toEqual(new Set());
  });

  it('returns the reported ids', () => {
    expect(parseBatchResponse({ batchItemFailures: [{ itemIdentifier: 'b' }] }, ids)).toEqual(new Set(['b']));
  });

  it('rejects ids that are empty, missing or not in the batch', () => {
    expect(parseBatchResponse({ batchItemFailures: [{ itemIdentifier: 'zzz' }] }, ids)).toBe('invalid');
    expect(parseBatchResponse({ batchItemFailures: [{ itemIdentifier: '' }] }, ids)).toBe('invalid');
    expect(parseBatchResponse({ batchItemFailures: [{}] }, ids)).toBe('invalid');
    expect(parseBatchResponse({ batchItemFailures: 'a' }, ids)).toBe('invalid');
  });
});

describe("Class: Invoker (Lambda's synchronous payload quota)", () => {
  /** An invoker of one function `fn` that answers `reply(event)`, and the events it received. */
  const invokerOf = (reply: (event: unknown) => unknown) => {
    const received: unknown[] = [];
    const pool = {
      timeoutMs: 1000,
      invoke: async (event: unknown) => (received.push(event), reply(event)),
    } as unknown as FunctionPool;
    const invoker = new Invoker(new Map([['fn', pool]]), new Faults(), () => {});
    return { invoker, received };
  };
  /** A JSON string payload of exactly `bytes` bytes. */
  const payloadOf = (bytes: number) => 'a'.repeat(bytes - 2);

  it('delivers a request of exactly the quota, and refuses one byte more before the function sees it', async () => {
    const { invoker, received } = invokerOf(() => ({ statusCode: 204 }));

    await expect(invoker.invokeHttp('fn', 'POST /x', payloadOf(LAMBDA_SYNC_PAYLOAD_BYTES))).resolves.toEqual({
      statusCode: 204,
    });
    await expect(invoker.invokeHttp('fn', 'POST /x', payloadOf(LAMBDA_SYNC_PAYLOAD_BYTES + 1))).rejects.toThrow(
      `Request must be smaller than ${LAMBDA_SYNC_PAYLOAD_BYTES} bytes`,
    );
    expect(received).toHaveLength(1);
    expect(invoker.log.map((r) => r.outcome)).toEqual(['success', 'error']);
  });

  it('fails an invocation whose response is past the quota', async () => {
    const { invoker } = invokerOf(() => payloadOf(LAMBDA_SYNC_PAYLOAD_BYTES + 1));

    await expect(invoker.invokeHttp('fn', 'GET /x', {})).rejects.toThrow('Response must be smaller than');
  });

  it('leaves room for an HTTP API event around the largest body a function takes, base64-encoded', () => {
    const base64 = Math.ceil(MAX_SYNC_BODY_BYTES / 3) * 4;
    // API Gateway caps a request's headers at 10 kB; the rest of the event is under 2 kB.
    expect(base64 + 10 * 1024 + 2 * 1024).toBeLessThan(LAMBDA_SYNC_PAYLOAD_BYTES);
  });
});

describe('Function: encodeS3Key()', () => {
  it('form-encodes keys as S3 notifications do', () => {
    expect(encodeS3Key('in/my file+v1.csv')).toBe('in/my+file%2Bv1.csv');
    expect(encodeS3Key('in/ünï=1.csv')).toBe('in/%C3%BCn%C3%AF%3D1.csv');
  });
});

describe('Function: fromHandlerResult()', () => {
  it('sends a plain object as a 200 JSON body', () => {
    const reply = fromHandlerResult({ a: 1 });
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json');
    expect(reply.body.toString()).toBe('{"a":1}');
  });

  it('uses a structured result as given, decoding base64 and mapping cookies', () => {
    const reply = fromHandlerResult({
      statusCode: 202,
      headers: { 'X-A': 'b' },
      cookies: ['c=1'],
      body: Buffer.from('hi').toString('base64'),
      isBase64Encoded: true,
    });
    expect(reply.statusCode).toBe(202);
    expect(reply.headers).toMatchObject({ 'x-a': 'b', 'set-cookie': ['c=1'] });
    expect(reply.body.toString()).toBe('hi');
  });
});
