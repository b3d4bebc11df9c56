// The app definition: every service's tables, queues, buckets, functions, routes and triggers,
// merged and checked once. infra/stack.ts and local/ both build from `app`.
import type { AppManifest, ServiceManifest } from './manifest-types.ts';
import { validateManifest } from './manifest-validate.ts';
import { docs } from './services/docs.ts';
import { formulas } from './services/formulas.ts';
import { math } from './services/math.ts';
import { mouse } from './services/mouse.ts';
import { palettes } from './services/palettes.ts';
import { weather } from './services/weather.ts';

const services: readonly ServiceManifest[] = [math, mouse, palettes, formulas, weather, docs];

export const app: AppManifest = validateManifest({
  tables: services.flatMap((s) => s.tables ?? []),
  queues: services.flatMap((s) => s.queues ?? []),
  buckets: services.flatMap((s) => s.buckets ?? []),
  functions: services.flatMap((s) => s.functions),
  routes: services.flatMap((s) => s.routes ?? []),
  triggers: services.flatMap((s) => s.triggers ?? []),
});
