// The OpenAPI 3.1 document of the whole API, generated from the manifest's routes: the same zod
// contracts that parse each request at the edge describe it here, so the two cannot drift.
import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import * as z from 'zod';
import type { AuthMode, RouteDef } from '#model/manifest.ts';

type Document = ReturnType<OpenApiGeneratorV31['generateDocument']>;

const errorBody = z
  .object({
    detail: z.string().describe('What went wrong; for 400s, each field path and its problem'),
    code: z.string(),
  })
  .meta({ id: 'Error' });

const SECURITY: Record<Exclude<AuthMode, 'public'>, string> = { user: 'bearerAuth', 'api-key': 'apiKeyAuth' };

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No content' };

// Parameters must be listed one by one: a union of query shapes (`?a=&b=&c=` or `?sum=`) is
// documented as all of its fields, each optional; the handler's schema still decides which sets are valid.
const asParameters = (schema: z.ZodType): z.ZodObject => {
  if (schema instanceof z.ZodObject) return schema;
  if (schema instanceof z.ZodUnion) {
    return z.object(
      Object.assign({}, ...schema.options.map((option) => asParameters(option as z.ZodType).partial().shape)),
    );
  }
  throw new TypeError('Query and path schemas must be objects or unions of objects.');
};

const json = (schema: z.ZodType) => ({ 'application/json': { schema } });

const responsesOf = (route: RouteDef): RouteConfig['responses'] => {
  const { contract } = route;
  const responses: RouteConfig['responses'] = {};
  for (const [status, schema] of Object.entries(contract.responses ?? {})) {
    const description = schema.description ?? STATUS_TEXT[Number(status)] ?? 'Success';
    responses[status] = Number(status) === 204 ? { description } : { description, content: json(schema) };
  }
  if (contract.query || contract.params || contract.body)
    responses[400] = { description: 'Invalid input', content: json(errorBody) };
  if (route.contract.auth !== 'public')
    responses[401] = { description: 'Missing or invalid credentials', content: json(errorBody) };
  responses.default = { description: 'Error', content: json(errorBody) };
  return responses;
};

const routeConfig = (route: RouteDef): RouteConfig => {
  const { contract } = route;
  return {
    method: route.method.toLowerCase() as RouteConfig['method'],
    path: route.path,
    summary: contract.summary,
    tags: contract.tags ? [...contract.tags] : [],
    ...(route.contract.auth === 'public' ? {} : { security: [{ [SECURITY[route.contract.auth]]: [] }] }),
    request: {
      ...(contract.query ? { query: asParameters(contract.query) } : {}),
      ...(contract.params ? { params: asParameters(contract.params) } : {}),
      ...(contract.body ? { body: { required: true, content: json(contract.body) } } : {}),
    },
    responses: responsesOf(route),
  };
};

export interface DocumentInfo {
  readonly title: string;
  readonly version: string;
  readonly description?: string;
}

export const openApiDocument = (routes: readonly RouteDef[], info: DocumentInfo): Document => {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', SECURITY.user, {
    type: 'http',
    scheme: 'bearer',
    description: 'Token from POST /auth/login',
  });
  registry.registerComponent('securitySchemes', SECURITY['api-key'], {
    type: 'apiKey',
    in: 'header',
    name: 'x-api-key',
  });
  for (const route of routes) registry.registerPath(routeConfig(route));
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({ openapi: '3.1.0', info: { ...info } });
};
