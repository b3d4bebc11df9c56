import type { ServiceManifest } from '../manifest-types.ts';

export const formulas: ServiceManifest = {
  service: 'formulas',
  functions: [],
};
