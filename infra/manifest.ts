// The app definition: every service's tables, queues, buckets, functions, routes and triggers,
// merged and checked once. infra/stack.ts and local/ both build from `app`.
import type { AppManifest, ServiceManifest } from './manifest-types.ts';
import { validateManifest } from './manifest-validate.ts';
import { docs } from './services/docs.ts';
import { formulas } from './services/formulas.ts';
import { gateway } from './services/gateway.ts';
import { math } from './services/math.ts';
import { mouse } from './services/mouse.ts';
import { palettes } from './services/palettes.ts';
import { weather } from './services/weather.ts';

const services: readonly ServiceManifest[] = [math, mouse, palettes, formulas, weather, docs, gateway];
const defaultRoutes = services.flatMap((s) => (s.defaultRoute ? [s.defaultRoute] : []));
if (defaultRoutes.length > 1) throw new Error('Invalid app manifest: more than one service declares the $default route');

export const app: AppManifest = validateManifest({
  tables: services.flatMap((s) => s.tables ?? []),
  queues: services.flatMap((s) => s.queues ?? []),
  buckets: services.flatMap((s) => s.buckets ?? []),
  functions: services.flatMap((s) => s.functions),
  routes: services.flatMap((s) => s.routes ?? []),
  defaultRoute: defaultRoutes[0],
  triggers: services.flatMap((s) => s.triggers ?? []),
});
