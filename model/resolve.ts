// From the services' fragments to the one app every runtime reads: merged, checked once, defaults filled.
import { DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS } from './derive.ts';
import type { AppManifest, ResolvedApp, ServiceManifest } from './manifest.ts';
import { settings as defaultSettings } from './settings.ts';
import { validateManifest } from './validate.ts';

/** One app from the services' fragments; at most one of them may own the `$default` route. */
export const mergeServices = (services: readonly ServiceManifest[]): AppManifest => {
  const defaultRoutes = services.flatMap((s) => (s.defaultRoute ? [s.defaultRoute] : []));
  if (defaultRoutes.length > 1)
    throw new Error('Invalid app manifest: more than one service declares the $default route');
  return {
    tables: services.flatMap((s) => s.tables ?? []),
    queues: services.flatMap((s) => s.queues ?? []),
    buckets: services.flatMap((s) => s.buckets ?? []),
    functions: services.flatMap((s) => s.functions.map((f) => ({ ...f, service: s.service }))),
    routes: services.flatMap((s) => s.routes ?? []),
    defaultRoute: defaultRoutes[0],
    triggers: services.flatMap((s) => s.triggers ?? []),
  };
};

/** Validates the app (throwing every problem at once) and fills in its defaults; resolving twice changes nothing. */
export const resolveApp = (app: AppManifest): ResolvedApp => {
  validateManifest(app);
  return {
    ...app,
    functions: app.functions.map((fn) => ({
      ...fn,
      timeoutSeconds: fn.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
      memoryMb: fn.memoryMb ?? DEFAULT_MEMORY_MB,
    })),
    settings: app.settings ?? defaultSettings,
  };
};
