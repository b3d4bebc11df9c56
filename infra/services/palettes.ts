import type { ServiceManifest } from '../manifest-types.ts';

export const palettes: ServiceManifest = {
  service: 'palettes',
  functions: [],
};
