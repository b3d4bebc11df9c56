import * as z from '#model/zod.ts';
import type { RouteContract } from '#model/manifest.ts';

export const DOCS_CONTRACT = {
  auth: 'public',
  summary: 'This API as an OpenAPI 3.1 document',
  tags: ['docs'],
  responses: {
    200: z.looseObject({
      openapi: z.string(),
      info: z.object({ title: z.string(), version: z.string() }),
      paths: z.record(z.string(), z.unknown()),
    }),
  },
} satisfies RouteContract;
