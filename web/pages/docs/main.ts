// Swagger UI over the API's own OpenAPI document. The bundle (copied from swagger-ui-dist by
// web/build.ts) defines the global; "Authorize" takes a token from POST /auth/login or the API key.
import '../../lib/header.ts';
import { byId } from '#web/lib/api.ts';

declare global {
  interface Window {
    SwaggerUIBundle?: (options: {
      url: string;
      dom_id: string;
      deepLinking: boolean;
      persistAuthorization: boolean;
    }) => unknown;
  }
}

if (window.SwaggerUIBundle) {
  window.SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    persistAuthorization: true,
  });
} else {
  byId('error').textContent = 'Swagger UI did not load (swagger-ui-bundle.js is missing from this build).';
}
