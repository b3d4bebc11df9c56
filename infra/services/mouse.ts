import type { ServiceManifest } from '../manifest-types.ts';

export const mouse: ServiceManifest = {
  service: 'mouse',
  functions: [],
};
