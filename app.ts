// The app definition: every service's tables, queues, buckets, functions, routes and triggers,
// merged and checked once. infra/stack.ts and local/ both build from `app`.
import type { AppManifest, ServiceManifest } from '#model/manifest.ts';
import { validateManifest } from '#model/validate.ts';
import { docs } from '#functions/docs/manifest.ts';
import { formulas } from '#functions/formulas/manifest.ts';
import { gateway } from '#functions/gateway/manifest.ts';
import { math } from '#functions/math/manifest.ts';
import { mouse } from '#functions/mouse/manifest.ts';
import { palettes } from '#functions/palettes/manifest.ts';
import { weather } from '#functions/weather/manifest.ts';

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
