import { PutObjectCommand, S3ServiceException } from '@aws-sdk/client-s3';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import importEvent from '../../events/weather/bulk-import.json' with { type: 'json' };
import { handler as bulkImport } from '#functions/weather/handlers/bulk-import.ts';
import { LIMITS } from '#functions/weather/constants.ts';
import { LAMBDA_SYNC_PAYLOAD_BYTES } from '#model/constants.ts';
import { apiEvent } from '../helpers/factories.ts';
import { API_KEY, callHttp, dynamo, resetMocks, s3, stubFunctionEnv, updates } from './weather-harness.ts';

beforeAll(() => {
  stubFunctionEnv('weather-bulk-import');
});

beforeEach(() => {
  resetMocks();
});

describe('Function: POST /bulk/import handler', () => {
  const csvEvent = (body: string) =>
    apiEvent({
      method: 'POST',
      route: '/bulk/import',
      headers: { 'content-type': 'text/csv', 'x-api-key': API_KEY },
      body,
    });

  it('creates the job, then puts the CSV under the notified prefix, and answers 202', async () => {
    dynamo.on(PutCommand).resolves({});
    s3.on(PutObjectCommand).resolves({});

    const { status, headers, body } = await callHttp(bulkImport, csvEvent('city\nLisbon\n'));

    expect(status).toBe(202);
    const key = `imports/${String(body.job_id)}.csv`;
    expect(body).toEqual({ job_id: expect.any(String), status: 'queued', object_key: key });
    expect(headers.location).toBe(`/bulk/jobs/${String(body.job_id)}`);
    expect(dynamo.commandCalls(PutCommand)[0]!.args[0].input).toMatchObject({
      TableName: 'weather-jobs-test',
      Item: { job_id: body.job_id, sk: 'job', status: 'queued', processed: 0, failures_by_error: {} },
      ConditionExpression: 'attribute_not_exists(job_id)',
    });
    expect(s3.commandCalls(PutObjectCommand)[0]!.args[0].input).toMatchObject({
      Bucket: 'weather-imports-test',
      Key: key,
      ContentType: 'text/csv',
    });
    expect(Buffer.from(s3.commandCalls(PutObjectCommand)[0]!.args[0].input.Body as Uint8Array).toString()).toBe(
      'city\nLisbon\n',
    );
  });

  it('accepts the sample event', async () => {
    dynamo.on(PutCommand).resolves({});
    s3.on(PutObjectCommand).resolves({});
    const event = {
      ...importEvent,
      headers: { ...importEvent.headers, 'x-api-key': API_KEY },
    } as unknown as APIGatewayProxyEventV2;

    expect((await callHttp(bulkImport, event)).status).toBe(202);
  });

  it('marks the job failed and answers 503 when S3 is unavailable, without leaking the error', async () => {
    dynamo.on(PutCommand).resolves({});
    dynamo.on(UpdateCommand).resolves({});
    s3.on(PutObjectCommand).rejects(
      new S3ServiceException({
        name: 'ServiceUnavailable',
        $fault: 'server',
        $metadata: {},
        message: 'Please reduce your request rate',
      }),
    );

    const { status, body } = await callHttp(bulkImport, csvEvent('city\nLisbon\n'));

    expect(status).toBe(503);
    expect(body).toEqual({ detail: 'A dependency is unavailable; retry shortly.', code: 'dependency_unavailable' });
    expect(updates()).toEqual([
      expect.objectContaining({
        UpdateExpression: 'SET #status = :failed, finished_at = :now, #error = :error',
        ExpressionAttributeValues: expect.objectContaining({ ':error': 'upload_failed' }),
      }),
    ]);
  });

  // Regression: the file stream's "Unexpected end of form" had no listener, an uncaught exception that
  // ends a Lambda execution environment (Runtime.ExitError).
  it('answers 400 to a multipart body cut off before its closing boundary, and keeps serving', async () => {
    const truncated =
      '--x\r\nContent-Disposition: form-data; name="file"; filename="c.csv"\r\nContent-Type: text/csv\r\n\r\ncity\nLis';
    const event = apiEvent({
      method: 'POST',
      route: '/bulk/import',
      headers: { 'content-type': 'multipart/form-data; boundary=x', 'x-api-key': API_KEY },
      body: truncated,
    });

    const { status, body } = await callHttp(bulkImport, event);

    expect(status).toBe(400);
    expect(body).toEqual({ detail: expect.stringContaining('Unexpected end of form'), code: 'malformed_multipart' });
    dynamo.on(PutCommand).resolves({});
    s3.on(PutObjectCommand).resolves({});
    expect((await callHttp(bulkImport, csvEvent('city\nLisbon\n'))).status).toBe(202);
  });

  it('answers 401 without touching AWS when the key is wrong', async () => {
    const event = apiEvent({
      method: 'POST',
      route: '/bulk/import',
      headers: { 'content-type': 'text/csv', 'x-api-key': 'nope' },
      body: 'city\n',
    });

    const { status, body } = await callHttp(bulkImport, event);

    expect(status).toBe(401);
    expect(body.code).toBe('invalid_api_key');
    expect(dynamo.calls()).toHaveLength(0);
    expect(s3.calls()).toHaveLength(0);
  });

  // The function, not the gateway, refuses a body past the limit: base64-encoded as API Gateway passes a
  // multipart body, the event of one byte more still fits Lambda's synchronous payload.
  it('answers 413 {detail, code} to a multipart body one byte past the limit, without touching AWS', async () => {
    const head = '--x\r\nContent-Disposition: form-data; name="file"; filename="c.csv"\r\n\r\ncity\n';
    const tail = '\r\n--x--\r\n';
    const multipart = Buffer.from(head + 'a'.repeat(LIMITS.importBytes + 1 - head.length - tail.length) + tail);
    const event = {
      ...apiEvent({
        method: 'POST',
        route: '/bulk/import',
        headers: { 'content-type': 'multipart/form-data; boundary=x', 'x-api-key': API_KEY },
      }),
      body: multipart.toString('base64'),
      isBase64Encoded: true,
    };
    expect(multipart.length).toBe(LIMITS.importBytes + 1);
    expect(Buffer.byteLength(JSON.stringify(event))).toBeLessThan(LAMBDA_SYNC_PAYLOAD_BYTES);

    const { status, body } = await callHttp(bulkImport, event);

    expect(status).toBe(413);
    expect(body).toEqual({ detail: expect.stringContaining('POST /bulk/uploads'), code: 'payload_too_large' });
    expect(dynamo.calls()).toHaveLength(0);
    expect(s3.calls()).toHaveLength(0);
  });
});
