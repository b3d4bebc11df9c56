// The app definition: every service's tables, queues, buckets, functions, routes and triggers, merged
// and resolved once. infra/ (the CDK stack), local/ (the sandbox) and build/ (bundles, the OpenAPI
// document) all read `app`; nothing below this file imports it.
import { docs } from '#functions/docs/manifest.ts';
import { formulas } from '#functions/formulas/manifest.ts';
import { gateway } from '#functions/gateway/manifest.ts';
import { math } from '#functions/math/manifest.ts';
import { mouse } from '#functions/mouse/manifest.ts';
import { palettes } from '#functions/palettes/manifest.ts';
import { weather } from '#functions/weather/manifest.ts';
import type { ResolvedApp } from '#model/manifest.ts';
import { mergeServices, resolveApp } from '#model/resolve.ts';

export const app: ResolvedApp = resolveApp(mergeServices([math, mouse, palettes, formulas, weather, docs, gateway]));
