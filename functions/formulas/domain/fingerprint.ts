import { createHash } from 'node:crypto';
import { normaliseMaterialName } from './material-name.ts';

export interface MaterialInput {
  readonly name: string;
  /** Canonical decimal text (see `formatDecimal`): equal values have equal text. */
  readonly concentration: string;
}

/**
 * A formula's identity is its make-up: the normalised material names with their canonical
 * concentrations, sorted, hashed with SHA-256. The formula's own name and the list order do not count.
 * Names are unique after normalisation (validated), so sorting by name is a total order.
 */
export const fingerprint = (materials: readonly MaterialInput[]): string => {
  const canonical = materials
    .map((m): [string, string] => [normaliseMaterialName(m.name), m.concentration])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
};
