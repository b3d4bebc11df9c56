import { DOCS_CONTRACT } from './contracts.ts';
import type { ServiceManifest } from '#model/manifest.ts';

export const docs: ServiceManifest = {
  service: 'docs',
  // Builds the OpenAPI document from the manifest itself: no resources.
  functions: [{ name: 'docs-openapi', entry: 'functions/docs/handlers/openapi.ts' }],
  routes: [{ method: 'GET', path: '/openapi.json', function: 'docs-openapi', contract: DOCS_CONTRACT }],
};
