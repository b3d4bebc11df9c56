// A route's auth mode is its contract's, and the pipeline authenticates with the contract its handler
// was built with: so every route's handler must hold the very contract its manifest line declares.
import { describe, expect, it } from 'vitest';
import { app } from '#app';
import { routeKey } from '#model/derive.ts';
import type { RouteContract } from '#model/manifest.ts';

interface Served {
  readonly contract?: RouteContract;
  readonly routes?: ReadonlyMap<string, { readonly contract: RouteContract }>;
}

const entries = new Map(app.functions.map((f) => [f.name, f.entry]));

describe('Repository: routes and their handlers', () => {
  it.each(app.routes.map((r) => [routeKey(r), r] as const))(
    '%s is served with its manifest contract',
    async (key, route) => {
      // Importing a handler reads no environment (its dependencies are built on first use).
      const { handler } = (await import(`../../${entries.get(route.function)}`)) as { handler: Served };
      const served = handler.routes?.get(key) ?? handler;
      expect(served.contract).toBe(route.contract);
    },
  );
});
