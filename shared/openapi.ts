// The OpenAPI 3.1 document of the whole API, generated from the manifest's routes: the same zod
// contracts that parse each request at the edge describe it here, so the two cannot drift. OpenAPI 3.1
// schemas are JSON Schema 2020-12, which zod's own converter writes; requests are described by what
// they accept (`io: 'input'`), responses by what handlers return.
import * as z from '#model/zod.ts';
import type { AuthMode, RouteDef } from '#model/manifest.ts';

export type JsonSchema = Record<string, unknown>;

export interface Parameter {
  readonly name: string;
  readonly in: 'query' | 'path';
  readonly required: boolean;
  readonly schema: JsonSchema;
  readonly description?: string;
}

interface Content {
  readonly 'application/json': { readonly schema: JsonSchema };
}

export interface Operation {
  readonly summary: string;
  readonly tags: string[];
  readonly security?: Record<string, string[]>[];
  readonly parameters?: Parameter[];
  readonly requestBody?: { readonly required: true; readonly content: Content };
  readonly responses: Record<string, { readonly description: string; readonly content?: Content }>;
}

export interface ApiDocument {
  readonly openapi: '3.1.0';
  readonly info: DocumentInfo;
  readonly paths: Record<string, Record<string, Operation>>;
  readonly components: {
    readonly securitySchemes: Record<string, Record<string, string>>;
    readonly schemas: Record<string, JsonSchema>;
  };
}

export interface DocumentInfo {
  readonly title: string;
  readonly version: string;
  readonly description?: string;
}

const errorBody = z.object({
  detail: z.string().check(z.describe('What went wrong; for 400s, each field path and its problem')),
  code: z.string(),
});

const ERROR_REF = { $ref: '#/components/schemas/Error' };

const SECURITY: Record<Exclude<AuthMode, 'public'>, string> = { user: 'bearerAuth', 'api-key': 'apiKeyAuth' };

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No content' };

const toJson = (schema: z.core.$ZodType, io: 'input' | 'output'): JsonSchema => {
  // A transform has no JSON Schema; what it reads (input) or the schema after it (output) is described.
  const { $schema: _, ...json } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });
  return json;
};

const json = (schema: JsonSchema): Content => ({ 'application/json': { schema } });

const objectShapes = (described: JsonSchema): JsonSchema[] => {
  const shapes = (described.anyOf ?? [described]) as JsonSchema[];
  if (shapes.some((shape) => shape.type !== 'object')) {
    throw new TypeError('Query and path schemas must be objects or unions of objects.');
  }
  return shapes;
};

const fieldsOf = (shape: JsonSchema) => Object.entries((shape.properties ?? {}) as Record<string, JsonSchema>);

// A parameter is text on the wire, so its schema is what the contract accepts; a default sits after the
// text is parsed (`limit` becomes the number 20), where only the output schema sees it: it is shown as
// the text that means the same.
const defaultsOf = (schema: z.core.$ZodType): Map<string, string> =>
  new Map(
    objectShapes(toJson(schema, 'output')).flatMap((shape) =>
      fieldsOf(shape).flatMap(([name, field]) => ('default' in field ? [[name, String(field.default)] as const] : [])),
    ),
  );

// Parameters are listed one by one: a union of query shapes (`?a=&b=&c=` or `?sum=`) is documented as
// all of its fields, each optional; the handler's schema still decides which sets are valid.
const parametersOf = (schema: z.core.$ZodType, where: Parameter['in']): Parameter[] => {
  const shapes = objectShapes(toJson(schema, 'input'));
  const defaults = defaultsOf(schema);
  const byName = new Map<string, Parameter>();
  for (const shape of shapes) {
    const required = new Set(shapes.length === 1 ? ((shape.required as string[] | undefined) ?? []) : []);
    for (const [name, field] of fieldsOf(shape)) {
      const { description, ...fieldSchema } = field;
      const fallback = defaults.get(name);
      byName.set(name, {
        name,
        in: where,
        required: where === 'path' || required.has(name),
        schema: fallback === undefined ? fieldSchema : { ...fieldSchema, default: fallback },
        ...(typeof description === 'string' ? { description } : {}),
      });
    }
  }
  return [...byName.values()];
};

const responsesOf = (route: RouteDef): Operation['responses'] => {
  const { contract } = route;
  const responses: Record<string, Operation['responses'][string]> = {};
  for (const [status, schema] of Object.entries(contract.responses ?? {})) {
    const description = z.globalRegistry.get(schema)?.description ?? STATUS_TEXT[Number(status)] ?? 'Success';
    responses[status] =
      Number(status) === 204 ? { description } : { description, content: json(toJson(schema, 'output')) };
  }
  if (contract.query || contract.params || contract.body)
    responses[400] = { description: 'Invalid input', content: json(ERROR_REF) };
  if (contract.auth !== 'public')
    responses[401] = { description: 'Missing or invalid credentials', content: json(ERROR_REF) };
  responses.default = { description: 'Error', content: json(ERROR_REF) };
  return responses;
};

const operationOf = (route: RouteDef): Operation => {
  const { contract } = route;
  const parameters = [
    ...(contract.params ? parametersOf(contract.params, 'path') : []),
    ...(contract.query ? parametersOf(contract.query, 'query') : []),
  ];
  return {
    summary: contract.summary,
    tags: contract.tags ? [...contract.tags] : [],
    ...(contract.auth === 'public' ? {} : { security: [{ [SECURITY[contract.auth]]: [] }] }),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(contract.body ? { requestBody: { required: true, content: json(toJson(contract.body, 'input')) } } : {}),
    responses: responsesOf(route),
  };
};

export const openApiDocument = (routes: readonly RouteDef[], info: DocumentInfo): ApiDocument => {
  const paths: ApiDocument['paths'] = {};
  for (const route of routes) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operationOf(route) };
  }
  return {
    openapi: '3.1.0',
    info: { ...info },
    paths,
    components: {
      securitySchemes: {
        [SECURITY.user]: { type: 'http', scheme: 'bearer', description: 'Token from POST /auth/login' },
        [SECURITY['api-key']]: { type: 'apiKey', in: 'header', name: 'x-api-key' },
      },
      schemas: { Error: toJson(errorBody, 'output') },
    },
  };
};
