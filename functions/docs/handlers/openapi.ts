// GET /openapi.json: the document of every route in the manifest, built on first request and kept
// for the life of the execution environment (the manifest is part of this bundle, so it cannot change).
import { httpHandler } from '../../../shared/http/handler.ts';
import { openApiDocument } from '../../../shared/openapi.ts';
import { DOCS_CONTRACT } from '../contracts.ts';

let document: Promise<ReturnType<typeof openApiDocument>> | undefined;

// Imported lazily: the manifest imports this service's contracts, and only the document needs it.
const build = async () => {
  const { app } = await import('../../../infra/manifest.ts');
  return openApiDocument(app.routes, {
    title: 'Serverless suite API',
    version: '1.0.0',
    description: 'math, mouse, palettes, formulas and weather behind one HTTP API. Errors are JSON {detail, code}.',
  });
};

export const handler = httpHandler(DOCS_CONTRACT, async () => (document ??= build()));
