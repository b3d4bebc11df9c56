// GET /openapi.json: the document of every route in the manifest, built when this function was
// bundled (functions/docs/domain/document.ts), so it is exactly the deployed manifest's.
import type * as z from '#model/zod.ts';
import { ConfigError } from '#shared/config.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { DOCS_CONTRACT } from '../contracts.ts';

// esbuild writes the document's JSON in place of each mention of the global: mentioned once.
const json = globalThis.OPENAPI_DOCUMENT;
type ApiDocument = z.input<(typeof DOCS_CONTRACT.responses)[200]>;
const document = json === undefined ? undefined : (JSON.parse(json) as ApiDocument);

export const handler = httpHandler(DOCS_CONTRACT, async () => {
  if (document === undefined)
    throw new ConfigError('No OpenAPI document: this handler runs from its bundle (build/bundling.ts defines it).');
  return document;
});
