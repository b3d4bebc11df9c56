import type { ServiceManifest } from '#model/manifest.ts';

export const gateway: ServiceManifest = {
  service: 'gateway',
  // Answers what no route matches in the API's error shape; it reads the route keys from its
  // environment (derived from the manifest) and uses no resources.
  functions: [{ name: 'gateway-default', entry: 'functions/gateway/handlers/default-route.ts' }],
  defaultRoute: { function: 'gateway-default' },
};
