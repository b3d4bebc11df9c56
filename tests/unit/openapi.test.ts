import { describe, expect, it } from 'vitest';
import { app } from '#app';
import { routeKey } from '#model/derive.ts';
import { openApiDocument } from '#shared/openapi.ts';

const document = openApiDocument(app.routes, { title: 'test', version: '0' });
const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

/** `METHOD /path` of every operation in the document. */
const documented = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
  METHODS.filter((m) => item[m] !== undefined).map((m) => `${m.toUpperCase()} ${path}`),
);

describe('Function: openApiDocument()', () => {
  it('is an OpenAPI 3.1 document with at least one route of each service', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(app.routes.length).toBeGreaterThan(0);
    expect(documented).toEqual(expect.arrayContaining(['GET /difference', 'POST /auth/register', 'GET /openapi.json']));
  });

  it('documents every route of the manifest', () => {
    expect(documented.sort()).toEqual(expect.arrayContaining(app.routes.map(routeKey).sort()));
  });

  it('documents no route that the manifest lacks', () => {
    const routes = new Set(app.routes.map(routeKey));

    expect(documented.filter((key) => !routes.has(key))).toEqual([]);
    expect(documented).toHaveLength(routes.size);
  });

  it.each(app.routes.map((r) => [routeKey(r), r] as const))(
    '%s: declares each path parameter and the security of its auth mode',
    (_, route) => {
      const operation = document.paths?.[route.path]?.[route.method.toLowerCase() as (typeof METHODS)[number]];
      const inPath = [...route.path.matchAll(/\{(\w+)\+?\}/g)].map((m) => m[1]);
      const parameters = (operation?.parameters ?? []) as { name: string; in: string }[];

      expect(
        parameters
          .filter((p) => p.in === 'path')
          .map((p) => p.name)
          .sort(),
      ).toEqual(inPath.sort());
      expect(operation?.security).toEqual(
        route.contract.auth === 'public'
          ? undefined
          : [{ [route.contract.auth === 'user' ? 'bearerAuth' : 'apiKeyAuth']: [] }],
      );
      expect(operation?.summary).toBe(route.contract.summary);
    },
  );

  it('documents a union of query shapes as all of their fields, each optional', () => {
    const parameters = (document.paths?.['/triplet']?.get?.parameters ?? []) as { name: string; required: boolean }[];

    expect(parameters.map((p) => [p.name, p.required])).toEqual([
      ['a', false],
      ['b', false],
      ['c', false],
      ['sum', false],
    ]);
  });

  it('shows a query default as the text that means it (the contract parses `limit` to the number 20)', () => {
    const parameters = (document.paths?.['/calculations/{name}/requests']?.get?.parameters ?? []) as {
      name: string;
      schema: { default?: unknown };
    }[];

    expect(parameters.find((p) => p.name === 'limit')?.schema.default).toBe('20');
    expect(parameters.find((p) => p.name === 'cursor')?.schema).not.toHaveProperty('default');
  });

  it('gives 204 responses no body and every operation the {detail, code} error', () => {
    const leave = document.paths?.['/teams/{id}/members/me']?.delete;

    expect(leave?.responses?.['204']).toEqual({ description: 'No content' });
    expect(leave?.responses?.default).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    });
  });
});
