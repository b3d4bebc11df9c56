import type { ServiceManifest } from '../manifest-types.ts';

export const weather: ServiceManifest = {
  service: 'weather',
  functions: [],
};
