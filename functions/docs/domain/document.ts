// The API's OpenAPI document. It depends on the manifest alone, so it is built when bundling
// (build/bundling.ts, for the stack and the sandbox alike) and the docs function only serves it:
// the JSON Schema converter and every service's contracts stay out of its bundle.
import type { RouteDef } from '#model/manifest.ts';
import { openApiDocument } from '#shared/openapi.ts';

type ApiDocument = ReturnType<typeof openApiDocument>;

declare global {
  /** The document as JSON text, defined at bundle time; undefined when the handler runs unbundled. */
  var OPENAPI_DOCUMENT: string | undefined;
}

/**
 * The esbuild `define` key the docs handler reads the document from. Its value is a string literal:
 * an object literal would make esbuild wrap it in a lazy initializer that every module of the
 * bundle calls, which defeats tree-shaking.
 */
export const OPENAPI_DOCUMENT_DEFINE = 'globalThis.OPENAPI_DOCUMENT';

export const apiDocument = (routes: readonly RouteDef[]): ApiDocument =>
  openApiDocument(routes, {
    title: 'Serverless suite API',
    version: '1.0.0',
    description: 'math, mouse, palettes, formulas and weather behind one HTTP API. Errors are JSON {detail, code}.',
  });
