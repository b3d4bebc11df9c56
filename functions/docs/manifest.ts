import { DOCS_CONTRACT } from './contracts.ts';
import type { ServiceManifest } from '#model/manifest.ts';

export const docs: ServiceManifest = {
  service: 'docs',
  // Serves the OpenAPI document built from the manifest at bundle time: no resources.
  functions: [{ name: 'docs-openapi', entry: 'functions/docs/handlers/openapi.ts' }],
  routes: [{ method: 'GET', path: '/openapi.json', function: 'docs-openapi', contract: DOCS_CONTRACT }],
};
