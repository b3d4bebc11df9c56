// The registry: routes, tracking and the listing are derived from this list.
import type { AnyCalculation } from '../calculation.ts';
import { difference } from './difference.ts';
import { triplet } from './triplet.ts';

export const calculations: readonly AnyCalculation[] = [difference, triplet];

export const calculationByName = (name: string): AnyCalculation | undefined =>
  calculations.find((c) => c.name === name);
