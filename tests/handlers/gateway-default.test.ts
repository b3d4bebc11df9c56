// The $default route's function: the API's error shape for what no route matches.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { app } from '#app';
import { DEFAULT_ROUTE_KEY, functionEnvironment } from '#model/derive.ts';
import { handler } from '#functions/gateway/handlers/default-route.ts';
import { apiEvent, lambdaContext } from '../helpers/factories.ts';

beforeAll(() => {
  const fn = app.functions.find((f) => f.name === app.defaultRoute!.function)!;
  const names = {
    table: (n: string) => n,
    queueUrl: (n: string) => n,
    bucket: (n: string) => n,
    secretId: (n: string) => n,
  };
  for (const [key, value] of Object.entries(functionEnvironment(app, fn, names))) vi.stubEnv(key, value);
});

/** What API Gateway sends to $default for `method path`. */
const call = async (method: string, path: string) => {
  const event = apiEvent({ method, route: path });
  const result = await handler(
    { ...event, routeKey: DEFAULT_ROUTE_KEY, requestContext: { ...event.requestContext, routeKey: DEFAULT_ROUTE_KEY } },
    lambdaContext(),
  );
  return {
    status: result.statusCode,
    headers: result.headers ?? {},
    body: result.body ? (JSON.parse(result.body) as unknown) : undefined,
  };
};

describe('Function: $default route handler', () => {
  it.each([
    ['GET', '/no/such/route'],
    ['GET', '/formulas/a/b/c'],
    ['POST', '/'],
  ])('answers %s %s with 404 route_not_found', async (method, path) => {
    const { status, body } = await call(method, path);

    expect(status).toBe(404);
    expect(body).toEqual({ detail: `No route for ${method} ${path}.`, code: 'route_not_found' });
  });

  it.each([
    ['POST', '/difference', 'GET'],
    ['DELETE', '/formulas', 'GET, POST'],
    ['PUT', '/teams/t1', 'DELETE, GET, PATCH'],
    ['HEAD', '/formulas/abc', 'GET'],
  ])('answers %s %s with 405 method_not_allowed and Allow: %s', async (method, path, allow) => {
    const { status, headers, body } = await call(method, path);

    expect(status).toBe(405);
    expect(headers.allow).toBe(allow);
    expect(body).toEqual({
      detail: `${path} does not accept ${method}; it accepts ${allow}.`,
      code: 'method_not_allowed',
    });
  });

  it('answers OPTIONS (CORS preflights reach $default too) with 204, listing the methods of a known path', async () => {
    expect(await call('OPTIONS', '/formulas')).toMatchObject({
      status: 204,
      headers: { allow: 'GET, POST, OPTIONS' },
      body: undefined,
    });
    expect(await call('OPTIONS', '/no/such/route')).toMatchObject({ status: 204, body: undefined });
  });
});
